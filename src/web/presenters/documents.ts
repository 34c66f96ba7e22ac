/** The carers' file as data: its rows, and file sizes as people read them. */
import type { DocumentItem } from '../../services/documents.ts';
import { DOCUMENT_CATEGORIES } from '../../services/documents.ts';
import { paths } from '../../http/paths.ts';
import { downloadLink, formatDateTime, type Cell } from './common.ts';

/** A file's size as people read it: "512 bytes", "14 KB", "2.3 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The names the upload form's errors link to. */
export const documentFields = ['title', 'category', 'file'].map((name) => ({ name, label: name }));

/** One document of the carers' file: its title downloads it (named with the file for screen readers), kind, file, size, who added it and when. */
export function documentRow(householdId: string, d: Pick<DocumentItem, 'id' | 'title' | 'fileName' | 'category' | 'sizeBytes' | 'createdByName' | 'createdAt'>): Cell[] {
  return [
    { parts: [downloadLink(paths.documents.download(householdId, d.id), d.title, `(download ${d.fileName})`)] },
    { text: DOCUMENT_CATEGORIES[d.category] ?? d.category },
    { text: d.fileName },
    { text: formatSize(d.sizeBytes), format: 'numeric' },
    { text: d.createdByName ?? 'Hearth (filed automatically)' },
    { text: formatDateTime(d.createdAt) },
  ];
}
