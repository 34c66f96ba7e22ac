/**
 * The demo load's PDFs, drawn on a worker thread (started by ./load.ts): takes the documents'
 * descriptions as workerData and answers with their bytes, in the same order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderPdf, type PdfDocumentInput } from '../services/pdf.ts';

const inputs = workerData as PdfDocumentInput[];
const pdfs: Uint8Array[] = [];
for (const input of inputs) pdfs.push(await renderPdf(input));
parentPort?.postMessage(pdfs);
