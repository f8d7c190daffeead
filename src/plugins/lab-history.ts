import type { Plugin } from 'graphql-yoga';
import type { LabConfig } from '../config-types';
import type { RequestContext } from '../context';
import { buildTimeline } from '../timeline/build';
import type { RequestHistory } from '../timeline/history';
import type { RequestRecords } from '../timeline/record';

/** The response header that names the request's timeline (`GET /lab/requests/<id>`). */
export const LAB_REQUEST_HEADER = 'x-lab-request-id';

/**
 * Keeps every GraphQL request's timeline in the lab's history as its response goes out, and names it in a
 * response header. A body that never was a document (malformed JSON, too large) has no timeline.
 */
export function useLabHistory(records: RequestRecords, history: RequestHistory, lab: LabConfig): Plugin<RequestContext> {
  return {
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record?.parsing) return;
      history.add(buildTimeline(record, response.status, lab));
      response.headers.set(LAB_REQUEST_HEADER, record.id);
    },
  };
}
