/** Message templates: the text an alarm sends, its placeholders checked as it is typed. */
import { useId, useState } from 'react';
import { MessageField, MessagePreview } from '../../../components/alarmKit';
import { EntryForm, RegisterPage, RowButton, type EntryWords } from '../../../components/adminKit';
import { InputField } from '../../../components/fieldKit';
import { useCityState } from '../../../hooks';
import { useSubmitOnce } from '../../../submitOnce';
import { fillTemplate, unknownPlaceholders } from '../../../../../shared/text/template';

const WORDS: EntryWords = {
  newTitle: 'Ny mall',
  save: 'Spara mallen',
  saved: 'Mallen är sparad.',
  startNew: 'Ny mall i stället',
};

/** A made-up person the preview fills a template for. */
const EXAMPLE = { namn: 'Anna Andersson', lista: 'CKL Analys', rubrik: 'Elavbrott Söderort' };

export function Templates() {
  const uid = useId();
  const state = useCityState();
  const { submit: send, ack } = useSubmitOnce('alarm-template');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const templates = Object.values(state.alarm.templates);
  const unknown = unknownPlaceholders(text);
  const open = (templateId: string, templateName: string, templateText: string) => {
    setId(templateId);
    setName(templateName);
    setText(templateText);
  };
  return (
    <RegisterPage
      headingId="tpl-h"
      title="Meddelandemallar"
      count={templates.length}
      side={
        <EntryForm
          words={WORDS}
          editing={id ? name : undefined}
          onNew={() => open('', '', '')}
          ack={ack}
          onSubmit={() =>
            send('alarm.saveTemplate', { ...(id ? { templateId: id } : {}), name, text })
          }
        >
          <InputField label="Namn" id={`${uid}-n`} required value={name} onValue={setName} />
          <MessageField
            label="Text"
            id={`${uid}-t`}
            hint="{namn}, {lista} och {rubrik} fylls i. Svarslänken läggs till automatiskt."
            rows={4}
            required
            value={text}
            onChange={setText}
          />
          {text.trim() && (
            <MessagePreview
              testId="template-preview"
              lead="Förhandsvisning med ett påhittat exempel (Anna Andersson, CKL Analys):"
              message={fillTemplate(text.trim(), EXAMPLE)}
              unknown={unknown}
            />
          )}
        </EntryForm>
      }
    >
      <ul className="plain">
        {templates.map((t) => (
          <li key={t.id} className="card">
            <strong>{t.name}</strong>
            <p>{t.text}</p>
            <RowButton label="Ändra" what={t.name} onClick={() => open(t.id, t.name, t.text)} />
          </li>
        ))}
      </ul>
    </RegisterPage>
  );
}
