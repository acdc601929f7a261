import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthoritiesController } from './authorities.controller';
import { AuthoritiesService } from './authorities.service';
import { Authority } from './authority.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Authority])],
  controllers: [AuthoritiesController],
  providers: [AuthoritiesService],
  exports: [AuthoritiesService],
})
export class AuthoritiesModule implements OnApplicationBootstrap {
  constructor(private readonly service: AuthoritiesService) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.service.loadBuiltins();
  }
}
