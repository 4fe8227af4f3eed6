import type { UrgencyLevel } from '@shared/scoring/urgency-level';
import type { ServiceRequest } from './fhir-report-resources';

/**
 * Our urgency levels as R4 request-priority codes. R4 orders them routine < urgent < asap < stat
 * ("asap: higher priority than urgent"; "stat: immediately, e.g. an emergency"), so the mapping
 * must keep our order routine < surgical-opinion < urgent < emergency:
 * - emergency -> stat: cord compression or a new deficit is acted on immediately;
 * - urgent -> urgent: the same word, "actioned promptly";
 * - surgical-opinion -> routine: a consultation at normal priority. Mapping it to asap, as first
 *   suggested, would rank it above our "urgent", inverting the order;
 * - routine -> routine (a request is made only when a lesion is above routine, see below).
 * asap stays unused: no level of ours lies between urgent and emergency. Our level itself is
 * kept word for word in the ServiceRequest's note and reason Observations.
 */
export const REQUEST_PRIORITY: Readonly<Record<UrgencyLevel, NonNullable<ServiceRequest['priority']>>> = {
  emergency: 'stat',
  urgent: 'urgent',
  'surgical-opinion': 'routine',
  routine: 'routine',
};
