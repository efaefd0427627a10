import { useCallback, useEffect, useState } from 'react';
import { api, type User } from './api';
import { Link, navigate, usePath } from './router';
import { SetupPage } from './pages/SetupPage';
import { LoginPage } from './pages/LoginPage';
import { StudiesPage } from './pages/StudiesPage';
import { StudyPage } from './pages/StudyPage';
import { Workspace } from './workspace/Workspace';
import { InvitePage } from './pages/InvitePage';
import { AgreementPage } from './pages/AgreementPage';
import { ThemeBrowserPage } from './pages/ThemeBrowserPage';
import { ProgressPage } from './pages/ProgressPage';
import { ReconcilePage } from './reconcile/ReconcilePage';
import { TableOfThemesPage } from './tables/TableOfThemesPage';
import { AuditorPage } from './audit/AuditorPage';

type Boot = { state: 'loading' } | { state: 'setup' } | { state: 'anonymous' } | { state: 'signed-in'; user: User };

export function App() {
  const path = usePath();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });

  const refresh = useCallback(async () => {
    const status = await api<{ needsSetup: boolean }>('GET', '/api/auth/status');
    if (status.needsSetup) return setBoot({ state: 'setup' });
    try {
      const me = await api<{ user: User }>('GET', '/api/auth/me');
      setBoot({ state: 'signed-in', user: me.user });
    } catch {
      setBoot({ state: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const invite = /^\/invite\/([a-z2-7]+)$/.exec(path);
  if (invite) return <InvitePage token={invite[1]!} onDone={refresh} />;
  if (boot.state === 'loading') return <main className="centered">Loading…</main>;
  if (boot.state === 'setup') return <SetupPage onDone={refresh} />;
  if (boot.state === 'anonymous') return <LoginPage onDone={refresh} />;

  const study = /^\/studies\/([\w-]+)$/.exec(path);
  const transcript = /^\/transcripts\/([\w-]+)$/.exec(path);
  const studyView = /^\/studies\/([\w-]+)\/(agreement|themes|progress)$/.exec(path);
  const reconcile = /^\/(studies|transcripts)\/([\w-]+)\/reconcile$/.exec(path);
  const issue6 = /^\/studies\/([\w-]+)\/(table|audit)$/.exec(path);
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
            navigate('/');
            await refresh();
          }}
        >
          Sign out
        </button>
      </header>
      <main>
        {reconcile ? <ReconcilePage key={path} me={boot.user} scope={reconcile[1] === 'studies' ? { studyId: reconcile[2]! } : { transcriptId: reconcile[2]! }} /> : issue6 ? (issue6[2] === 'table' ? <TableOfThemesPage key={path} studyId={issue6[1]!} /> : <AuditorPage key={path} me={boot.user} studyId={issue6[1]!} />) : studyView && StudyView ? <StudyView key={path} studyId={studyView[1]!} /> : study ? <StudyPage studyId={study[1]!} /> : transcript ? <Workspace key={transcript[1]!} transcriptId={transcript[1]!} me={boot.user} /> : <StudiesPage />}
      </main>
    </>
  );
}
