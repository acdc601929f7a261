import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegimeVersion } from './regime-version.entity';
import { Regime } from './regime.entity';
import { RegimesController } from './regimes.controller';
import { RegimesService } from './regimes.service';

@Module({
  imports: [TypeOrmModule.forFeature([Regime, RegimeVersion])],
  controllers: [RegimesController],
  providers: [RegimesService],
  exports: [RegimesService],
})
export class RegimesModule implements OnApplicationBootstrap {
  constructor(private readonly service: RegimesService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.service.loadBuiltins();
  }
}
