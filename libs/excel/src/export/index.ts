export * from './exports.service';
export { StreamingWorkbook, SheetWriter, EXCEL_MAX_ROWS, currencyFormat } from './workbook-writer';
export type { ColumnSpec, ColumnType, Money, CellInput, WorkbookOptions } from './workbook-writer';
