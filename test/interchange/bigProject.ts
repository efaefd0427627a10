/**
 * A generated REFI-QDA project (.qde text) of a given size: `transcripts` text sources, each
 * coded by every one of `coders` users with `codingsPerLayer` codings over `themes` codes. Built
 * in the test, so no large fixture is committed. GUIDs are derived from the indices.
 */
export interface BigProjectShape {
  title: string;
  transcripts: number;
  coders: number;
  themes: number;
  codingsPerLayer: number;
}

const guid = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const LINE = 'P: I keep a diary of the tiredness and it tells me more than any of the tests ever did.\n';

export function bigProjectXml(shape: BigProjectShape): string {
  const users = Array.from({ length: shape.coders }, (_, i) => `<User guid="${guid(1, i)}" name="Coder ${i}"/>`).join('');
  const codes = Array.from({ length: shape.themes }, (_, i) => `<Code guid="${guid(2, i)}" name="Theme ${i}" isCodable="true"/>`).join('');
  const text = LINE.repeat(40);
  const sources: string[] = [];
  for (let t = 0; t < shape.transcripts; t++) {
    const selections: string[] = [];
    for (let c = 0; c < shape.coders; c++) {
      for (let k = 0; k < shape.codingsPerLayer; k++) {
        const n = (t * shape.coders + c) * shape.codingsPerLayer + k;
        const start = ((k * 37 + c * 11) % 38) * LINE.length;
        selections.push(
          `<PlainTextSelection guid="${guid(4, n)}" startPosition="${start}" endPosition="${start + LINE.length - 1}" creatingUser="${guid(1, c)}">` +
            `<Coding guid="${guid(5, n)}" creatingUser="${guid(1, c)}"><CodeRef targetGUID="${guid(2, (n * 7) % shape.themes)}"/></Coding></PlainTextSelection>`,
        );
      }
    }
    sources.push(`<TextSource guid="${guid(3, t)}" name="Interview ${t}"><PlainTextContent>${text}</PlainTextContent>${selections.join('')}</TextSource>`);
  }
  return (
    `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="${shape.title}" origin="generated">` +
    `<Users>${users}</Users><CodeBook><Codes>${codes}</Codes></CodeBook><Sources>${sources.join('')}</Sources></Project>`
  );
}
