import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { addCoding, addNote, addStatement, removeCoding, removeNote, removeStatement, updateCoding, updateNote, updateStatement } from '../../../shared/coding';
import { formatLineRange, lineRangeOf } from '../../../shared/transcript';
import { api, type User } from '../api';
import { Composer } from './Composer';
import { lineIndexAt } from './lineIndex';
import { type LayerActions, type MarginEnv, MarginEnvContext } from './margins/MarginContext';
import { selectionOffsets } from './segments';
import { speakerPrefixes, withoutPrefixes } from './speakerPrefixes';
import { StatusBadge } from './StatusBadge';
import { ThemeTreePanel } from './ThemeTreePanel';
import { Toast, type ToastMessage } from './Toast';
import { TranscriptRows } from './TranscriptRows';
import { WorkspaceHeader } from './WorkspaceHeader';
import { WorkspaceLegend } from './WorkspaceLegend';
import { useAfterFrame } from './useAfterFrame';
import { useLayers } from './useLayers';
import { type Span, usePresence } from './usePresence';
import { useWorksheetRows } from './useWorksheetRows';
import { useTranscript } from './useTranscript';
import { useUndo } from './useUndo';
import { KeysHelp } from './KeysHelp';
import { PinnedKeysEditor } from './PinnedKeysEditor';
import { useLineCursor } from './useLineCursor';
import { usePinnedKeys } from './usePinnedKeys';
import { useWorkspaceKeys } from './useWorkspaceKeys';
import { codingsPerTheme, useCodebookWork } from './themes/useCodebookWork';

/**
 * The IPA worksheet: exploratory notes in the left margin, the numbered transcript in the middle,
 * codings and experiential statements in the right margin (each beside the line it starts on),
 * and the theme tree beside it. Every change is a Yjs edit of the coder's own layer; the server
 * decides who may read or write what, the UI only follows. State lives in hooks; this function
 * only composes them.
 */
export function Workspace({ transcriptId, me }: { transcriptId: string; me: User }) {
  const { data, study, members, error, reload } = useTranscript(transcriptId, me.id);
  const layers = useLayers(transcriptId, me, data, study, members);
  const { own, codebook, tree, ownLayer, otherLayers, canWriteOwn, colorOf, nameOf } = layers;
  const [selection, setSelection] = useState<Span | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [showThemes, setShowThemes] = useState(false);
  const [showMargins, setShowMargins] = useState(false);
  const searchRef = useRef<HTMLInputElement | null>(null);

  const textLength = data?.text.length ?? 0;
  const lines = useMemo(() => data?.lines ?? [], [data]);
  const prefixes = useMemo(() => (data ? speakerPrefixes(data.text, data.turns) : []), [data]);
  const report = useCallback((f: () => void) => {
    try {
      f();
      setNotice(null);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : 'could not change your layer');
    }
  }, []);
  const doc = own.doc;
  const undo = useUndo(doc);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const dropToast = useCallback(() => setToast(null), []);
  const deleted = useCallback((what: string) => setToast({ id: Date.now(), text: `${what} deleted.`, undo: undo.undo }), [undo.undo]);
  const actions = useMemo<LayerActions>(
    () => ({
      updateCoding: (id, patch) => report(() => doc && updateCoding(doc, textLength, id, patch)),
      removeCoding: (id) => report(() => doc && (removeCoding(doc, id), deleted('Coding'))),
      updateNote: (id, patch) => report(() => doc && updateNote(doc, textLength, id, patch)),
      removeNote: (id) => report(() => doc && (removeNote(doc, id), deleted('Note'))),
      updateStatement: (id, patch) => report(() => doc && updateStatement(doc, textLength, id, patch)),
      removeStatement: (id) => report(() => doc && (removeStatement(doc, id), deleted('Statement'))),
    }),
    [doc, textLength, report, deleted],
  );
  const cite = useCallback((s: Span) => formatLineRange(lineRangeOf(lines, s.start, s.end)), [lines]);
  const env = useMemo<MarginEnv>(() => ({ lines, tree, cite, actions, nameOf, colorOf }), [lines, tree, cite, actions, nameOf, colorOf]);

  // The theme panel and the legend follow the layers after the coder's frame (they are memoised
  // and take these lagging values, one update for both), so applying a coding paints the
  // transcript without them.
  const later = useAfterFrame(useMemo(() => ({ ownLayer, otherLayers }), [ownLayer, otherLayers]));
  const laterOwnLayer = later.ownLayer;
  const laterOtherLayers = later.otherLayers;
  const work = useCodebookWork(study, me.id, layers, later);
  const themeMessage = useCallback((text: string | null, undoIt?: () => void) => text && setToast({ id: Date.now(), text, ...(undoIt ? { undo: undoIt } : {}) }), []);
  const { pins: quick, setPin } = usePinnedKeys(me.id, study?.id ?? null, tree, codebook.status === 'saved' || codebook.status === 'saving', {
    doc: layers.ownPrivateDoc,
    synced: layers.ownPrivateLive.status === 'saved' || layers.ownPrivateLive.status === 'saving',
    writable: layers.ownPrivateDoc !== null,
  });
  const counts = useMemo(() => codingsPerTheme([laterOwnLayer]), [laterOwnLayer]);

  const apply = useCallback(
    (themeId: string) => {
      if (!doc || !data || !selection || !canWriteOwn) {
        setNotice(selection ? 'You cannot code this transcript now.' : 'Select some text first.');
        return;
      }
      report(() => {
        addCoding(doc, data.text.length, { themeId, start: selection.start, end: selection.end, createdAt: Date.now() });
        window.getSelection()?.removeAllRanges();
        setSelection(null);
      });
    },
    [doc, data, selection, canWriteOwn, report],
  );

  const transcriptRef = useRef<HTMLOListElement | null>(null);
  const [showKeys, setShowKeys] = useState(false);
  const openPicker = useCallback(() => {
    setShowThemes(true);
    // The panel may just have become visible: focus after the render that shows it.
    requestAnimationFrame(() => searchRef.current?.focus());
  }, []);

  // The rows near the viewport are rendered in full (TranscriptRows); the cursor's row is brought into that window.
  const revealRef = useRef<((i: number, block: ScrollLogicalPosition) => void) | null>(null);
  const revealLine = useCallback((i: number) => revealRef.current?.(i, 'nearest'), []);
  const lineCursor = useLineCursor(data?.text ?? '', lines, prefixes, selection, setSelection, openPicker, revealLine);
  const myLine = lineCursor.cursor !== null ? (lines[lineCursor.cursor]?.n ?? null) : selection ? lines[lineIndexAt(lines, selection.start)]!.n : null;
  const peers = usePresence(codebook.conn, { name: me.name, color: colorOf(me.id) }, transcriptId, selection, myLine);
  // Open mode: each other coder's layer can be hidden or shown (highlights and margin cards).
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shownOthers = useMemo(() => otherLayers.filter((o) => !hidden.has(o.ownerId)), [otherLayers, hidden]);

  useWorkspaceKeys({
    onQuick: (i) => {
      const id = quick[i];
      if (id && selection) apply(id);
      return Boolean(id && selection);
    },
    onFind: () => openPicker(),
    onHelp: () => setShowKeys(true),
    onNote: () => document.getElementById('composer-text')?.focus(),
    onUndo: () => undo.undo(),
    onRedo: () => undo.redo(),
    onEscape: () => {
      setSelection(null);
      window.getSelection()?.removeAllRanges();
    },
  });

  // Closing or reloading the tab with unacknowledged edits asks first (they are also kept in
  // IndexedDB and resent on the next load, but the coder should know).
  // The listener is added once and reads the count from a ref (not added and removed on every edit).
  const unsaved = useRef(0);
  unsaved.current = own.pending + layers.ownPrivateLive.pending;
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (unsaved.current === 0) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  // The theme panel's callbacks stay the same function across renders (it is memoised); they call
  // the latest apply and createTheme, which change with the selection.
  const latest = useRef({ apply, createTheme: layers.createTheme, selection });
  latest.current = { apply, createTheme: layers.createTheme, selection };
  const closeThemes = useCallback(() => setShowThemes(false), []);
  const applyFromPanel = useCallback((id: string) => {
    latest.current.apply(id);
    setShowThemes(false);
    // Back to the transcript, so keyboard coding goes on from where it was.
    transcriptRef.current?.focus();
  }, []);
  const createFromPanel = useCallback(async (label: string, parentId: string | null) => {
    const { createTheme, selection: sel, apply: applyNow } = latest.current;
    const id = createTheme(label, parentId);
    if (id && sel) applyNow(id);
  }, []);
  const pinEditor = useMemo(() => (tree && canWriteOwn ? <PinnedKeysEditor tree={tree} pins={quick} setPin={setPin} /> : null), [tree, canWriteOwn, quick, setPin]);
  const legendOwn = useMemo(() => (layers.codes ? { color: colorOf(me.id), layer: laterOwnLayer, role: study?.role ?? null } : null), [layers.codes, colorOf, me.id, laterOwnLayer, study?.role]);

  const rows = useWorksheetRows({ meId: me.id, lines, tree, ownLayer, shownOthers, selection, peers, colorOf, nameOf });

  // A lead moves a transcript back a phase from here: asked first, with the reason recorded in the audit trail.
  const stepBack = (to: 'coding' | 'reconciling') => {
    if (!data) return;
    const what = to === 'coding' ? 'back to coding (the coders’ layers become editable again)' : 'back to reconciliation (the consensus becomes editable again)';
    const why = window.prompt(`Move “${data.transcript.title}” ${what}? Give the reason; it is recorded in the audit trail.`);
    if (why === null) return;
    if (!why.trim()) {
      setNotice('Nothing changed: a reason is needed to move a transcript back.');
      return;
    }
    api('POST', `/api/transcripts/${transcriptId}/phase`, { phase: to, rationale: why.trim() })
      .then(() => {
        setNotice(null);
        reload();
      })
      .catch((e: unknown) => setNotice(e instanceof Error ? e.message : 'could not change the phase'));
  };

  const selectionOf = (text: string): Span | null => {
    const s = selectionOffsets(text);
    return s && withoutPrefixes(s, prefixes);
  };

  if (error) return <div className="page"><p className="error">{error}</p></div>;
  if (!data || !study) return <div className="page">Loading…</div>;

  return (
    <MarginEnvContext.Provider value={env}>
      <div className={`workspace${showThemes ? ' show-themes' : ''}${showMargins ? ' show-margins' : ''}`}>
        <a className="skip-link" href="#transcript">Skip to the transcript</a>
        <WorkspaceHeader study={study} transcript={data.transcript} lineCount={lines.length} canWriteOwn={canWriteOwn} codes={layers.codes} peers={peers} onStepBack={stepBack}>
          {layers.codes && own.conn && <StatusBadge status={own.status} what="your coding" pending={own.pending} />}
        </WorkspaceHeader>
        {notice && <p className="notice" role="alert">{notice}</p>}
        <div className="ws-toolbar" role="toolbar" aria-label="worksheet">
          {canWriteOwn && (
            <>
              <button type="button" className="secondary" disabled={!undo.canUndo} onClick={undo.undo} aria-keyshortcuts="Control+Z" title="Undo your last change (Ctrl/Cmd+Z)">
                Undo
              </button>
              <button type="button" className="secondary" disabled={!undo.canRedo} onClick={undo.redo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Shift+Ctrl/Cmd+Z)">
                Redo
              </button>
            </>
          )}
          <button type="button" className="secondary" onClick={() => setShowKeys(true)} aria-keyshortcuts="?">
            Keys (?)
          </button>
          <button type="button" className="secondary themes-toggle" aria-expanded={showThemes} onClick={() => setShowThemes((v) => !v)}>
            Themes
          </button>
          <button type="button" className="secondary margins-toggle" aria-pressed={showMargins} onClick={() => setShowMargins((v) => !v)}>
            {showMargins ? 'Hide notes and codings' : 'Show notes and codings'}
          </button>
        </div>
        <Composer
          selection={selection}
          cite={cite}
          canWrite={canWriteOwn}
          onPick={openPicker}
          onNote={(kind, text) => selection && report(() => doc && addNote(doc, textLength, { kind, text, start: selection.start, end: selection.end, createdAt: Date.now() }))}
          onStatement={(text) => selection && report(() => doc && addStatement(doc, textLength, { text, start: selection.start, end: selection.end, themeIds: [], createdAt: Date.now() }))}
        />
        <div className="ws-body">
          <div className="worksheet" onMouseUp={() => setSelection(selectionOf(data.text))} onKeyUp={() => setSelection((s) => selectionOf(data.text) ?? s)}>
            <div className="ws-row ws-header-row" aria-hidden>
              <div className="margin-left">Exploratory notes</div>
              <div className="gutter" />
              <div className="ln" />
              <div className="text-col">Transcript</div>
              <div className="margin-right">Codings and experiential statements</div>
            </div>
            <p className="sr-only" aria-live="polite">
              {lineCursor.announcement}
            </p>
            <TranscriptRows text={data.text} lines={lines} prefixes={prefixes} rows={rows} lineCursor={lineCursor} canWrite={canWriteOwn} listRef={transcriptRef} revealRef={revealRef} />
          </div>
          <ThemeTreePanel
            tree={tree}
            quick={quick}
            canApply={canWriteOwn}
            canCreate={layers.canCreateTheme && canWriteOwn}
            meId={me.id}
            privateThemes={layers.privateThemes}
            counts={counts}
            searchRef={searchRef}
            children={pinEditor}
            onClose={closeThemes}
            {...work}
            nameOf={nameOf}
            onMessage={themeMessage}
            onApply={applyFromPanel}
            onCreate={createFromPanel}
          />
        </div>
        <WorkspaceLegend
          own={legendOwn}
          otherLayers={laterOtherLayers}
          coders={layers.coders}
          hidden={hidden}
          setHidden={setHidden}
          colorOf={colorOf}
          nameOf={nameOf}
          blind={study.codingMode === 'blind' && data.transcript.phase === 'coding'}
        />
        <p id="transcript-help" hidden>
          Arrows move the line cursor, Shift and arrows select lines, Enter codes the selection; press ? for every key.
        </p>
        {showKeys && (
          <KeysHelp
            onClose={() => {
              setShowKeys(false);
              transcriptRef.current?.focus();
            }}
          />
        )}
        <Toast toast={toast} onDone={dropToast} />
      </div>
    </MarginEnvContext.Provider>
  );
}
