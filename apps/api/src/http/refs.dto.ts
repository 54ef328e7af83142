import { ApiProperty } from '@nestjs/swagger';

/** An organisation named in a response (a supplier, an authority, an audit body). */
export class RefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Laptop Solutions NV' }) name!: string;
}

/** A contract named in a response. */
export class ContractRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'GENT-ICT-2027-001' }) reference!: string;
  @ApiProperty({ example: 'Laptops 2027-2030' }) title!: string;
}
