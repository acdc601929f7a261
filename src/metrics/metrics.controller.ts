import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { Access } from '../access/access.decorator';
import { MetricsService } from './metrics.service';

/** On the main port only while METRICS_PORT is unset; Prometheus sends the admin key as its bearer token. */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Access('admin')
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The Prometheus text format', schema: { type: 'string' } })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.metrics.render();
    // Set here, not with @Header: that would also label an error's JSON body (a refused request) as text.
    res.setHeader('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE);
    res.setHeader('Cache-Control', 'no-store');
    return text;
  }
}
