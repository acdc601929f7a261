import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataControllersService } from './data-controllers.service';
import {
  CreateDataControllerDto,
  DataControllerResponseDto,
  UpdateDataControllerDto,
} from './dto/data-controller.dto';

/** The controllers (customers) on whose behalf we process personal data. */
@ApiTags('controllers')
@Controller('controllers')
export class DataControllersController {
  constructor(private readonly service: DataControllersService) {}

  @Post()
  @ApiCreatedResponse({ type: DataControllerResponseDto })
  create(@Body() dto: CreateDataControllerDto): Promise<DataControllerResponseDto> {
    return this.service.create(dto);
  }

  @Get()
  @ApiOkResponse({ type: [DataControllerResponseDto] })
  list(): Promise<DataControllerResponseDto[]> {
    return this.service.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: DataControllerResponseDto })
  get(@Param('id') id: string): Promise<DataControllerResponseDto> {
    return this.service.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: DataControllerResponseDto })
  update(@Param('id') id: string, @Body() dto: UpdateDataControllerDto): Promise<DataControllerResponseDto> {
    return this.service.update(id, dto);
  }
}
