import type { Ref } from 'react';

/**
 * A file picker that looks like a button: the input itself is hidden but stays what the
 * label opens (and what a test or a screen reader reaches).
 */
export function FileButton({
  label,
  accept,
  capture,
  disabled,
  testId,
  inputRef,
  onFile,
}: {
  label: string;
  accept: string;
  /** `environment`: the phone opens its back camera instead of the file list. */
  capture?: 'environment';
  disabled: boolean;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
  onFile: (f: File | undefined) => void;
}) {
  return (
    <label className="btn-secondary file-button">
      {label}
      <input
        ref={inputRef}
        className="sr-only"
        type="file"
        accept={accept}
        capture={capture}
        disabled={disabled}
        onChange={(e) => onFile(e.target.files?.[0])}
        data-testid={testId}
      />
    </label>
  );
}
