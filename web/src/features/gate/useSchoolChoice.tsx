import { Select } from 'antd';
import { useState } from 'react';
import { useMe } from '../../shared/auth';
import { useSchools } from '../schools/api';
import { useGateText } from './strings';

/** A school-bound account works on its own school; a bureau account picks one in its scope. */
export function useSchoolChoice() {
  const me = useMe();
  const { g } = useGateText();
  const own = me.account.scope.schoolId;
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const schools = useSchools({ limit: 1000 }, !own);
  const picker = own ? null : (
    <Select
      showSearch
      optionFilterProp="label"
      placeholder={g.chooseSchool}
      style={{ minWidth: 240 }}
      value={chosen}
      onChange={setChosen}
      options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
      data-testid="gate-school"
    />
  );
  return { schoolId: own ?? chosen, picker };
}
