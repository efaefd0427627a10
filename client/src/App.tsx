import { type ComponentType, useCallback, useEffect, useState } from 'react';
import { api, type User } from './api';
import { earlyRoutes } from './earlyRoutes';
import { SIGN_IN_URLS } from '../../shared/pageRoutes';
import { dropEarly, prefetchGet } from './earlyData';
import { Link, navigate, usePath } from './router';

/**
 * Each page is its own chunk, loaded when it is first shown: a coder opening a transcript
 * downloads the workspace (and the collaboration libraries), not the agreement or audit pages.
 * See `page` below for why this is not React.lazy.
 */
const SetupPage = page(() => import('./pages/SetupPage'), 'SetupPage');
const LoginPage = page(() => import('./pages/LoginPage'), 'LoginPage');
const StudiesPage = page(() => import('./pages/StudiesPage'), 'StudiesPage');
const StudyPage = page(() => import('./pages/StudyPage'), 'StudyPage');
const Workspace = page(() => import('./workspace/Workspace'), 'Workspace');
const InvitePage = page(() => import('./pages/InvitePage'), 'InvitePage');
const AgreementPage = page(() => import('./pages/AgreementPage'), 'AgreementPage');
const ThemeBrowserPage = page(() => import('./pages/ThemeBrowserPage'), 'ThemeBrowserPage');
const ProgressPage = page(() => import('./pages/ProgressPage'), 'ProgressPage');
const ReconcilePage = page(() => import('./reconcile/ReconcilePage'), 'ReconcilePage');
const TableOfThemesPage = page(() => import('./tables/TableOfThemesPage'), 'TableOfThemesPage');
const AuditorPage = page(() => import('./audit/AuditorPage'), 'AuditorPage');
const CodebookReconcilePage = page(() => import('./codebook/CodebookReconcilePage'), 'CodebookReconcilePage');
const CaseBoardPage = page(() => import('./boards/CaseBoardPage'), 'CaseBoardPage');
const GroupBoardPage = page(() => import('./boards/GroupBoardPage'), 'GroupBoardPage');
const JournalPage = page(() => import('./journal/JournalPage'), 'JournalPage');

const loading = <main className="centered">Loading…</main>;

/**
 * Every page: its placeholder is plain state, not a Suspense fallback. React holds back content that
 * a Suspense retry reveals until 300 ms after the last fallback was shown (its throttle of
 * revealed content); a lazy page always suspends on its first render, even when the early start
 * (startEarly) already has its chunk, so that wait came on top of everything else and was most of
 * the worksheet's first paint after its data (docs/benchmarks.md, issue 16). Here the page renders
 * at once when its module is in, else as soon as it arrives; a failed chunk says so, and is asked
 * for again on the next mount.
 */
function page<K extends string, P extends object>(load: () => Promise<Record<K, ComponentType<P>>>, name: K): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;
  return function Page(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Component) return;
      let live = true;
      pending ??= load().then((m) => (loaded = m[name]));
      pending.then(
        (c) => live && setComponent(() => c),
        () => {
          pending = null;
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [Component]);
    if (Component) return <Component {...props} />;
    return failed ? <p className="error">This page could not be loaded; reload to try again.</p> : <p className="muted">Loading…</p>;
  };
}

/** Both at once: "who am I" answers 401 when signed out, which is a state here, not an error. */
function checkSignIn() {
  const [statusUrl, meUrl] = SIGN_IN_URLS;
  return Promise.all([api<{ needsSetup: boolean }>('GET', statusUrl), api<{ user: User }>('GET', meUrl).catch(() => null)]);
}
/** The sign-in check started by startEarly, taken by the first render's refresh. */
let signInEarly: ReturnType<typeof checkSignIn> | null = null;

/**
 * Opening a page's address: its code and its data (earlyRoutes.ts) are fetched alongside the
 * sign-in check instead of one after the other (first paint, docs/benchmarks.md issues 14 and 15).
 * Called by main.tsx before React mounts, so the requests leave with the entry's first run.
 */
export function startEarly(path: string): void {
  const check = checkSignIn();
  signInEarly = check;
  check.catch(() => undefined);
  for (const route of earlyRoutes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    void route.chunk().catch(() => undefined);
    const userId = check.then(([, me]) => me?.user.id ?? null);
    route.data(m, (url) => prefetchGet(url, path, userId));
    return;
  }
}

export function App() {
  return (
    <Routes />
  );
}

type Boot = { state: 'loading' } | { state: 'setup' } | { state: 'anonymous' } | { state: 'signed-in'; user: User };

function Routes() {
  const path = usePath();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  const refresh = useCallback(async () => {
    const early = signInEarly;
    signInEarly = null;
    const [status, me] = await (early ?? checkSignIn());
    if (status.needsSetup) return setBoot({ state: 'setup' });
    setBoot(me ? { state: 'signed-in', user: me.user } : { state: 'anonymous' });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const invite = /^\/invite\/([a-z2-7]+)$/.exec(path);
  if (invite) return <InvitePage token={invite[1]!} onDone={refresh} />;
  if (boot.state === 'loading') return loading;
  if (boot.state === 'setup') return <SetupPage onDone={refresh} />;
  if (boot.state === 'anonymous') return <LoginPage onDone={refresh} />;

  const study = /^\/studies\/([\w-]+)$/.exec(path);
  const transcript = /^\/transcripts\/([\w-]+)$/.exec(path);
  const studyView = /^\/studies\/([\w-]+)\/(agreement|themes|progress)$/.exec(path);
  const reconcile = /^\/(studies|transcripts)\/([\w-]+)\/reconcile$/.exec(path);
  const issue6 = /^\/studies\/([\w-]+)\/(table|audit)$/.exec(path);
  const codebook = /^\/studies\/([\w-]+)\/codebook$/.exec(path);
  const caseBoard = /^\/transcripts\/([\w-]+)\/board$/.exec(path);
  const groupBoard = /^\/studies\/([\w-]+)\/boards$/.exec(path);
  const journal = /^\/studies\/([\w-]+)\/journal$/.exec(path);
  const StudyView = studyView ? { agreement: AgreementPage, themes: ThemeBrowserPage, progress: ProgressPage }[studyView[2] as 'agreement' | 'themes' | 'progress'] : null;
  return (
    <>
      <header className="topbar">
        <Link to="/" className="brand">
          Concord
        </Link>
        <span className="spacer" />
        <span className="who">{boot.user.name}</span>
        <button
          className="link"
          onClick={async () => {
            await api('POST', '/api/auth/logout');
            dropEarly();
            navigate('/');
            await refresh();
          }}
        >
          Sign out
        </button>
      </header>
      <main>
          {caseBoard ? <CaseBoardPage key={path} transcriptId={caseBoard[1]!} me={boot.user} /> : groupBoard ? <GroupBoardPage key={path} studyId={groupBoard[1]!} me={boot.user} /> : journal ? <JournalPage key={path} studyId={journal[1]!} me={boot.user} /> : codebook ? <CodebookReconcilePage key={path} studyId={codebook[1]!} me={boot.user} /> : reconcile ? <ReconcilePage key={path} me={boot.user} scope={reconcile[1] === 'studies' ? { studyId: reconcile[2]! } : { transcriptId: reconcile[2]! }} /> : issue6 ? (issue6[2] === 'table' ? <TableOfThemesPage key={path} studyId={issue6[1]!} me={boot.user} /> : <AuditorPage key={path} me={boot.user} studyId={issue6[1]!} />) : studyView && StudyView ? <StudyView key={path} studyId={studyView[1]!} /> : study ? <StudyPage studyId={study[1]!} /> : transcript ? <Workspace key={transcript[1]!} transcriptId={transcript[1]!} me={boot.user} /> : <StudiesPage />}
      </main>
    </>
  );
}
