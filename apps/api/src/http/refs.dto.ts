import { ApiProperty, ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';

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

/**
 * `@ApiProperty(nullableRef(SomeDto, {...}))`: the schema of SomeDto or null, documented as
 * `{ nullable: true, allOf: [{ $ref }] }` (without the bare `type: object` Swagger adds otherwise).
 */
export function nullableRef(type: abstract new (...args: never[]) => unknown, options: Omit<ApiPropertyOptions, 'type' | 'nullable' | 'allOf'> = {}): ApiPropertyOptions {
  return { ...options, type: () => type, nullable: true, allOf: [{ $ref: getSchemaPath(type.name) }] } as ApiPropertyOptions;
}
