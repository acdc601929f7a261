import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthoritiesModule } from '../authorities/authorities.module';
import { RegimesModule } from '../regimes/regimes.module';
import { DataController } from './data-controller.entity';
import { DataControllersController } from './data-controllers.controller';
import { DataControllersService } from './data-controllers.service';

@Module({
  imports: [TypeOrmModule.forFeature([DataController]), AgreementsModule, AuthoritiesModule, RegimesModule],
  controllers: [DataControllersController],
  providers: [DataControllersService],
  exports: [DataControllersService],
})
export class DataControllersModule {}
