import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TimelineEntry } from './timeline-entry.entity';
import { TimelineService } from './timeline.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([TimelineEntry])],
  providers: [TimelineService],
  exports: [TimelineService],
})
export class TimelineModule {}
