// Generates diagram interchange (BPMNDiagram: a shape per flow node, an edge per sequence flow,
// left to right) for every BPMN file in ../src and writes it to ../ (the shipped definitions).
//
//   node layout.mjs                # all of ../src/*.bpmn → ../*.bpmn
//   node layout.mjs in.bpmn out.bpmn
//
// bpmn-auto-layout reads the file with a plain bpmn-moddle, which keeps camunda:* attributes and
// extension elements only as generic XML. The script therefore checks its own output: read again
// with camunda-bpmn-moddle, the process part must serialize exactly as the source does, and every
// flow element must have a BPMNShape or BPMNEdge. Any difference fails the run (exit code 1).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutProcess } from 'bpmn-auto-layout';
import { BpmnModdle } from 'bpmn-moddle';
import camundaDescriptor from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };

const here = dirname(fileURLToPath(import.meta.url));
const moddle = new BpmnModdle({ camunda: camundaDescriptor });

async function read(xml, file) {
  const { rootElement, warnings } = await moddle.fromXML(xml);
  if (warnings.length > 0) {
    throw new Error(`${file}: ${warnings.map(w => w.message).join('; ')}`);
  }
  return rootElement;
}

/** The definitions without diagrams, serialized with the camunda extension known. */
async function processPart(xml, file) {
  const definitions = await read(xml, file);
  definitions.diagrams = [];
  // Namespace declarations may come in another order; everything else must match.
  return (await moddle.toXML(definitions, { format: true })).xml.replace(/ xmlns:\w+="[^"]*"/g, '');
}

function flowElements(container, out = []) {
  for (const element of container.flowElements ?? []) {
    out.push(element);
    flowElements(element, out);
  }
  return out;
}

async function checkDiagram(xml, file) {
  const definitions = await read(xml, file);
  const drawn = new Set();
  for (const diagram of definitions.diagrams ?? []) {
    for (const di of diagram.plane?.planeElement ?? []) {
      drawn.add(di.bpmnElement?.id);
    }
  }
  const missing = definitions.rootElements
    .filter(e => e.$type === 'bpmn:Process')
    .flatMap(p => flowElements(p))
    .filter(e => !drawn.has(e.id))
    .map(e => e.id);
  if (missing.length > 0) {
    throw new Error(`${file}: no shape or edge for ${missing.join(', ')}`);
  }
}

/**
 * bpmn-auto-layout follows the nodes' incoming/outgoing references, which bpmn-moddle reads only
 * from bpmn:incoming/bpmn:outgoing child elements; fill them from the flows' sourceRef/targetRef.
 */
async function withFlowReferences(xml, file) {
  const definitions = await read(xml, file);
  for (const container of [...definitions.rootElements.filter(e => e.$type === 'bpmn:Process'), ...definitions.rootElements.flatMap(p => flowElements(p))]) {
    const flows = (container.flowElements ?? []).filter(e => e.$type === 'bpmn:SequenceFlow');
    for (const node of (container.flowElements ?? []).filter(e => e.$type !== 'bpmn:SequenceFlow')) {
      node.incoming = flows.filter(f => f.targetRef === node);
      node.outgoing = flows.filter(f => f.sourceRef === node);
    }
  }
  markSubProcessesExpanded(definitions);
  return (await moddle.toXML(definitions, { format: true })).xml;
}

/**
 * bpmn-auto-layout draws a subprocess expanded (its content inside its shape) only when the input's
 * diagram says so (`isExpanded` on its BPMNShape); otherwise it draws it collapsed and its content
 * on top of the process. The sources have no diagram: give the layouter one that marks every
 * subprocess (e.g. an event subprocess) expanded. It drops the input diagram before drawing.
 */
function markSubProcessesExpanded(definitions) {
  const processes = definitions.rootElements.filter(e => e.$type === 'bpmn:Process');
  const subProcesses = processes.flatMap(p => flowElements(p)).filter(e => e.$type === 'bpmn:SubProcess');
  if (subProcesses.length === 0) {
    return;
  }
  const shapes = subProcesses.map(sub => moddle.create('bpmndi:BPMNShape', {
    id: `${sub.id}_di`, bpmnElement: sub, isExpanded: true, bounds: moddle.create('dc:Bounds', { x: 0, y: 0, width: 100, height: 80 }),
  }));
  const plane = moddle.create('bpmndi:BPMNPlane', { id: 'BPMNPlane_expanded', bpmnElement: processes[0], planeElement: shapes });
  definitions.diagrams = [moddle.create('bpmndi:BPMNDiagram', { id: 'BPMNDiagram_expanded', plane })];
}

async function layoutFile(source, target) {
  const xml = readFileSync(source, 'utf8');
  const referenced = await withFlowReferences(xml, source);
  const laidOut = await layoutProcess(referenced);
  // Re-serialize with the camunda extension known, so camunda elements are written as typed ones.
  // Apostrophes need no escaping inside double-quoted attributes; keep expressions readable.
  const output = (await moddle.toXML(await read(laidOut, target), { format: true })).xml
    .replaceAll('&#39;', "'")
    .replace(/^(<\?xml[^>]*\?>)\n?/, `$1\n<!-- Generated by workflows/tools/layout.mjs from workflows/src/${basename(source)}; edit the source and run it again. -->\n`);

  const [expected, actual] = [await processPart(referenced, source), await processPart(output, target)];
  if (expected !== actual) {
    throw new Error(`${target}: the process part changed in layout (camunda attributes or extension elements lost?)`);
  }
  await checkDiagram(output, target);
  writeFileSync(target, output);
  console.log(`${source} → ${target}`);
}

const [source, target] = process.argv.slice(2);
try {
  if (source) {
    await layoutFile(resolve(source), resolve(target ?? source));
  } else {
    const srcDir = join(here, '..', 'src');
    for (const name of readdirSync(srcDir).filter(n => n.endsWith('.bpmn')).sort()) {
      await layoutFile(join(srcDir, name), join(here, '..', name));
    }
  }
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
