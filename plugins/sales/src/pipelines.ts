import { listAll, type RecordsApi, RouteError, type StoredRecord } from '@kith/sdk';

/** The pipeline a request names, or the default one (the one marked default, else the first). */
export async function pipelineOf(records: RecordsApi, id: number | undefined): Promise<StoredRecord> {
  if (id !== undefined) return records.get('pipeline', id);
  const { data } = await records.list('pipeline', { filter: { active: true }, sort: '-isDefault,id', limit: 1 });
  if (!data[0]) throw RouteError.conflict('SALES_NO_PIPELINE', 'There is no active pipeline: add one (POST /api/v1/records/pipeline) with its stages.');
  return data[0];
}

/** A pipeline's stages in board order. */
export async function stagesOf(records: RecordsApi, pipelineId: number): Promise<StoredRecord[]> {
  return listAll(records, 'stage', { filter: { pipeline: pipelineId }, sort: 'position,id' });
}
