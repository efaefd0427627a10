import type { CaseTable, ExportFormat, ReconciliationRecord, StudyThemeTable } from '../../../../shared/reconcile';
import { CONTENT_TYPES, type ExportFile, fileStem } from './exportFile';
import { recordCsv } from './recordCsv';
import { recordHtml } from './recordHtml';
import { recordMarkdown } from './recordMarkdown';
import { caseTableCsv, themeTableCsv } from './themeTableCsv';
// The Word renderers (and the docx library under them) load with the first .docx export.
const themeTableDocxModule = () => import('./themeTableDocx');
import { caseTableHtml, themeTableHtml } from './themeTableHtml';
import { caseTableMarkdown, themeTableMarkdown } from './themeTableMarkdown';

export type FileFormat = Exclude<ExportFormat, 'json'>;

const file = (stem: string, format: FileFormat, body: string | Uint8Array): ExportFile => ({ body, contentType: CONTENT_TYPES[format], fileName: `${stem}.${format}` });

export async function renderThemeTable(format: FileFormat, data: StudyThemeTable, now: number): Promise<ExportFile> {
  const stem = `${fileStem(data.study.title)}-table-of-themes`;
  const title = data.study.title;
  switch (format) {
    case 'md':
      return file(stem, format, themeTableMarkdown(title, data.table, now));
    case 'csv':
      return file(stem, format, themeTableCsv(data.table));
    case 'html':
      return file(stem, format, themeTableHtml(title, data.table, now));
    case 'docx':
      return file(stem, format, await (await themeTableDocxModule()).themeTableDocx(title, data.table, now));
  }
}

export async function renderCaseTable(format: FileFormat, studyTitle: string, table: CaseTable, now: number): Promise<ExportFile> {
  const stem = `${fileStem(studyTitle)}-${fileStem(table.participant.pseudonym)}-themes`;
  switch (format) {
    case 'md':
      return file(stem, format, caseTableMarkdown(studyTitle, table, now));
    case 'csv':
      return file(stem, format, caseTableCsv(table));
    case 'html':
      return file(stem, format, caseTableHtml(studyTitle, table, now));
    case 'docx':
      return file(stem, format, await (await themeTableDocxModule()).caseTableDocx(studyTitle, table, now));
  }
}

export async function renderRecord(format: FileFormat, record: ReconciliationRecord): Promise<ExportFile> {
  const stem = `${fileStem(record.study.title)}-reconciliation-record`;
  switch (format) {
    case 'md':
      return file(stem, format, recordMarkdown(record));
    case 'csv':
      return file(stem, format, recordCsv(record));
    case 'html':
      return file(stem, format, recordHtml(record));
    case 'docx':
      return file(stem, format, await (await import('./recordDocx')).recordDocx(record));
  }
}
