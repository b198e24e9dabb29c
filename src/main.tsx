import { createRoot } from 'react-dom/client';

function Placeholder() {
  return <main style={{ fontFamily: 'system-ui', padding: 32 }}><h1>archsim</h1><p>The editor is on its way.</p></main>;
}

createRoot(document.getElementById('root')!).render(<Placeholder />);
