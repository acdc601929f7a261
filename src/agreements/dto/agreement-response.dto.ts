import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '../../common/paging';
import { AgreementVersion, VERSION_SOURCES, type VersionSource } from '../agreement-version.entity';
import { Agreement } from '../agreement.entity';
import { AgreementProfileDto } from './agreement-profile.dto';
import type { LintCode } from '../agreement-lint.util';

export class AgreementListQueryDto extends PageQuery({ limit: 500, max: 1000 }) {}

export class AgreementResponseDto extends AgreementProfileDto {
  @ApiProperty({ description: 'The version these terms are' }) version: number;
  @ApiProperty({ description: 'The latest version of the agreement' }) currentVersion: number;
  @ApiProperty({ enum: VERSION_SOURCES }) source: VersionSource;
  @ApiProperty({ description: 'Shipped with the product' }) builtin: boolean;
  @ApiProperty({ description: 'When this version was made' }) versionCreatedAt: string;
  @ApiProperty() createdAt: string;
}

export function mapAgreement(agreement: Agreement, version: AgreementVersion): AgreementResponseDto {
  return {
    ...version.profile,
    id: agreement.id,
    version: version.version,
    currentVersion: agreement.currentVersion,
    source: version.source,
    builtin: agreement.builtin,
    versionCreatedAt: version.createdAt.toISOString(),
    createdAt: agreement.createdAt.toISOString(),
  };
}

export class LintWarningDto {
  @ApiProperty({
    enum: [
      'qualitative-standard-without-target',
      'controller-margin-below-24h',
      'subprocessor-chain-exceeds-72h',
    ],
  })
  code: LintCode;
  @ApiProperty() message: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) figures: Record<string, number | string>;
}

export class AgreementLintDto {
  @ApiProperty() agreementId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [LintWarningDto] }) warnings: LintWarningDto[];
}
