import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startEarly } from './App';
import './styles.css';

// The worksheet's code and data are asked for before the first render (docs/workspace.md).
startEarly(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
