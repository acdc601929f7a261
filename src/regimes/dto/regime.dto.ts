import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '../../common/paging';
import type { RegimeDefinition } from '../regime-definition';
import { REGIME_VERSION_SOURCES, RegimeVersion, type RegimeVersionSource } from '../regime-version.entity';
import { Regime } from '../regime.entity';

export class RegimeListQueryDto extends PageQuery({ limit: 100, max: 1000 }) {}

/** A regime at one version: its definition as written, and what the store adds. */
export class RegimeResponseDto {
  @ApiProperty({ example: 'nis2' }) id: string;
  @ApiProperty({ description: 'The version this definition is' }) version: number;
  @ApiProperty({ description: 'The latest version of the regime' }) currentVersion: number;
  @ApiProperty({ enum: REGIME_VERSION_SOURCES }) source: RegimeVersionSource;
  @ApiProperty({ description: 'Shipped with the product' }) builtin: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The regime file: stages, anchors, windows, classifications, jurisdictions, sources',
  })
  definition: RegimeDefinition;
  @ApiProperty({ description: 'When this version was made' }) versionCreatedAt: string;
}

export function mapRegime(regime: Regime, version: RegimeVersion): RegimeResponseDto {
  return {
    id: regime.id,
    version: version.version,
    currentVersion: regime.currentVersion,
    source: version.source,
    builtin: regime.builtin,
    definition: version.definition,
    versionCreatedAt: version.createdAt.toISOString(),
  };
}
