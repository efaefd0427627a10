import { useState } from 'react';

/** Names a new cluster (a theme at the board's level); the label says which level. */
export function NewThemeForm(props: { label: string; button: string; onCreate: (name: string) => void }) {
  const [name, setName] = useState('');
  return (
    <form
      className="board-new"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        props.onCreate(name.trim());
        setName('');
      }}
    >
      <label>
        {props.label}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      </label>
      <button type="submit">{props.button}</button>
    </form>
  );
}
