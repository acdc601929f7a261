import { Module } from '@nestjs/common';
import { ObligationsModule } from '../obligations/obligations.module';
import { FormsModule } from '../forms/forms.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { RegisterController } from './register.controller';
import { RegisterService } from './register.service';

@Module({
  imports: [IncidentsModule, FormsModule, ObligationsModule],
  controllers: [RegisterController],
  providers: [RegisterService],
  exports: [RegisterService],
})
export class RegisterModule {}
