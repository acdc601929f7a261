import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error body of the API. */
export class ErrorBody {
  @ApiProperty({ example: 422 })
  statusCode: number;
  @ApiProperty({ example: 'Unprocessable Entity' })
  error: string;
  @ApiProperty({ example: 'Unknown agreement: acme' })
  message: string;
  @ApiPropertyOptional({ description: 'Particulars, e.g. one entry per bad field: { field, messages }' })
  details?: unknown;
}

/** One bad field of a request. */
export interface FieldError {
  field: string;
  messages: string[];
}
