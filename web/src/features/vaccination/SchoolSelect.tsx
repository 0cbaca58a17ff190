import { Select } from 'antd';
import { useState } from 'react';
import { useMe } from '../../shared/auth';
import { useSchools } from '../schools/api';

/** A school-bound account works on its own school; a bureau account picks one of the schools in its scope. */
export function useSchoolSelect(placeholder: string, testId: string) {
  const me = useMe();
  const own = me.account.scope.schoolId;
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const schools = useSchools({ limit: 1000 }, !own);
  const picker = own ? null : (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      style={{ minWidth: 240, maxWidth: '100%' }}
      value={chosen}
      onChange={setChosen}
      allowClear
      options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
      data-testid={testId}
    />
  );
  return { schoolId: own ?? chosen, picker, own: !!own, schools: schools.data?.items ?? [] };
}
