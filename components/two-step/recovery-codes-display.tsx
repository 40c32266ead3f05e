// STUB until feat/twostep merges (engineer A owns it: Download .txt and Copy): the codes as a list.
export function RecoveryCodesDisplay({ codes }: { codes: string[] }) {
  return (
    <ul>
      {codes.map((code) => (
        <li key={code}>
          <code>{code}</code>
        </li>
      ))}
    </ul>
  );
}
