import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import builtinAuthorities from './builtin-authorities.json';
import { AuthorityException, AuthorityExceptionCode } from './authorities.exception';
import { Authority } from './authority.entity';
import { AuthorityResponseDto, mapAuthority } from './dto/authority-response.dto';

@Injectable()
export class AuthoritiesService {
  constructor(@InjectRepository(Authority) private readonly authorities: Repository<Authority>) {}

  list(): Promise<AuthorityResponseDto[]> {
    return this.authorities.find({ order: { id: 'ASC' } }).then((rows) => rows.map(mapAuthority));
  }

  async get(id: string): Promise<AuthorityResponseDto> {
    const row = await this.authorities.findOneBy({ id });
    if (!row) throw new AuthorityException(AuthorityExceptionCode.NOT_FOUND, `Unknown authority: ${id}`);
    return mapAuthority(row);
  }

  exists(id: string): Promise<boolean> {
    return this.authorities.existsBy({ id });
  }

  /** The built-in list is product data: upserted at every start, so a corrected entry reaches every install. */
  async loadBuiltins(): Promise<void> {
    const rows = (builtinAuthorities as Omit<Authority, 'builtin'>[]).map((a) => ({ ...a, builtin: true }));
    await this.authorities.upsert(rows, ['id']);
  }
}
