// Only the service leaves the folder: the layout helpers keep their short names inside it.
export { QuestionnaireWorkbookService } from './questionnaire-workbook.service';
