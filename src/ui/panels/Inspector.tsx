/** The right panel: the selected node or call, several selected, or the design and scenario tabs. */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore.ts';
import { NodeInspector } from './NodeInspector.tsx';
import { EdgeInspector } from './EdgeInspector.tsx';
import { MultiNodeInspector } from './MultiNodeInspector.tsx';
import { DesignPanel } from './DesignPanel.tsx';
import { ScenarioEditor } from '../scenario/ScenarioEditor.tsx';
import { deleteSelection } from '../editorActions.ts';
import { SteerPanel } from '../live/SteerPanel.tsx';

export function Inspector() {
  const { nodeIds, edgeIds, doc, tab, setTab } = useAppStore(
    useShallow((s) => ({
      nodeIds: s.selectedNodeIds,
      edgeIds: s.selectedEdgeIds,
      doc: s.doc,
      tab: s.inspectorTab,
      setTab: s.setInspectorTab,
    })),
  );
  const nodes = doc.nodes.filter((n) => nodeIds.includes(n.id));
  const edges = doc.edges.filter((e) => edgeIds.includes(e.id));
  let body: React.ReactNode;
  if (nodes.length === 1 && edges.length === 0) body = <NodeInspector node={nodes[0]!} />;
  else if (edges.length === 1 && nodes.length === 0) body = <EdgeInspector edge={edges[0]!} />;
  else if (nodes.length > 1 && edges.length === 0 && nodes.every((n) => n.kind === nodes[0]!.kind))
    body = <MultiNodeInspector nodes={nodes} />;
  else if (nodes.length + edges.length > 1) {
    body = (
      <div className="inspector-body">
        <p className="multi">
          {nodes.length} node{nodes.length === 1 ? '' : 's'} and {edges.length} call{edges.length === 1 ? '' : 's'} selected.
        </p>
        {nodes.length > 1 && <p className="note">Select nodes of one kind (and no calls) to edit their parameters together.</p>}
        <button type="button" className="btn danger" onClick={deleteSelection}>
          Delete selection
        </button>
      </div>
    );
  } else {
    body = (
      <>
        <div className="tabs" role="tablist" aria-label="Design panels">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'design'}
            className={tab === 'design' ? 'active' : ''}
            onClick={() => setTab('design')}
          >
            Design
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'scenario'}
            className={tab === 'scenario' ? 'active' : ''}
            onClick={() => setTab('scenario')}
          >
            Scenario
          </button>
        </div>
        {tab === 'design' ? <DesignPanel /> : <ScenarioEditor />}
      </>
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <SteerPanel />
      {body}
    </aside>
  );
}
