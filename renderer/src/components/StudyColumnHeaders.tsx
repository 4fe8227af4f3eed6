/** The columns a study row shows, in the same order wherever studies are listed (this workstation, the PACS). */
export function StudyColumnHeaders() {
  return (
    <>
      <th>Patient name</th>
      <th>Patient ID</th>
      <th>Study date</th>
      <th>Modalities</th>
      <th>Description</th>
      <th>Accession</th>
      <th className="num">Series</th>
      <th className="num">Instances</th>
    </>
  );
}
