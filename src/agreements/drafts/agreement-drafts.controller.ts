import {
  Body,
  CallHandler,
  Controller,
  ExecutionContext,
  HttpCode,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
  BadRequestException,
  Post,
  Req,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { Access } from '../../access/access.decorator';
import { AgreementDraftException, AgreementDraftExceptionCode } from './agreement-drafts.exception';
import { ACCEPTED_TYPES, AgreementDraftsService, type UploadedDocument } from './agreement-drafts.service';
import { READER_LANGUAGES } from './dpa-language.util';
import { AgreementDraftDto, AgreementDraftRequestDto } from './dto/agreement-draft.dto';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const MultipartUpload = FileInterceptor('file', {
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
});

/** The upload, with its limits said in the API's words. */
@Injectable()
class DraftUploadInterceptor extends MultipartUpload implements NestInterceptor {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (error instanceof PayloadTooLargeException) {
        throw new PayloadTooLargeException(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      }
      const field =
        error instanceof BadRequestException
          ? /Unexpected (?:file )?field - (.+)$/.exec(error.message)?.[1]
          : undefined;
      if (field !== undefined) {
        throw new AgreementDraftException(
          AgreementDraftExceptionCode.UNEXPECTED_FIELD,
          `Unexpected file field: ${field}`,
          [{ field, messages: ['send the agreement in the field "file"'] }],
        );
      }
      throw error;
    }
  }
}

@ApiTags('agreements')
@Controller('agreements/drafts')
export class AgreementDraftsController {
  constructor(private readonly service: AgreementDraftsService) {}

  @Post()
  @HttpCode(200)
  @Access('admin', 'dpo')
  @UseInterceptors(DraftUploadInterceptor)
  @ApiOperation({
    summary: "Draft an agreement profile from the DPA's own text",
    description:
      `Upload the DPA (${ACCEPTED_TYPES.join(', ')}; at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB) as ` +
      'multipart/form-data in the field `file`, or send JSON `{ text }`. The answer is a draft in the shape of ' +
      'POST /agreements, with the sentence and clause each value comes from. Nothing is saved.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        file: { type: 'string', format: 'binary' },
        text: { type: 'string' },
        language: { type: 'string', enum: [...READER_LANGUAGES] },
      },
    },
  })
  @ApiOkResponse({ type: AgreementDraftDto })
  draft(
    @Req() req: Request,
    @UploadedFile() file: UploadedDocument | undefined,
    @Body() body: AgreementDraftRequestDto,
  ): Promise<AgreementDraftDto> {
    const type = req.headers['content-type'];
    if (type !== undefined && !/^(multipart\/form-data|application\/json)\b/i.test(type)) {
      throw new UnsupportedMediaTypeException(
        'Send multipart/form-data with the agreement in the field "file", or JSON { text }',
      );
    }
    return this.service.draft({ file, text: body.text, language: body.language });
  }
}
