import type Database from 'better-sqlite3';

// Reads that run once per stored lesion (its drawings' planes, its worst arc) were compiling their
// SQL at every read, most of their cost: one statement per database and SQL text serves them all.
const compiled = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The database's statement for `sql`, compiled at its first use and kept while the database lives. Only for statements run to completion (get, all, run), never iterated. */
export function preparedStatement(db: Database.Database, sql: string): Database.Statement {
  let statements = compiled.get(db);
  if (!statements) compiled.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
