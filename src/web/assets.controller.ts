import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../access/access.decorator';
import { templatesDir } from '../letters/templates.service';

/** The pages' own files; the service runs offline, so nothing comes from a CDN. */
const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
};

@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  /** Read once: the files are part of the release, not data. */
  private readonly files = new Map(
    Object.keys(ASSETS).map((name) => [name, readFileSync(join(templatesDir(), 'web', 'assets', name))]),
  );

  @Get(':name')
  @Public()
  asset(@Param('name') name: string, @Res() res: Response): void {
    const file = this.files.get(name);
    if (!file) throw new NotFoundException(`No asset ${name}`);
    res.type(ASSETS[name]).setHeader('Cache-Control', 'public, max-age=300').send(file);
  }
}
