// The audit feature as the rest of the app uses it: a record's change history.
export { AuditTrail } from './AuditTrail';
