// `campusguard create-user`: creates an account from the console (the first system administrator,
// or any account), with the same binding rules and password policy as the web app.
import { Value } from 'typebox/value';
import type { Role } from '../../db/tables';
import { passwordProblem } from '../../domain/accounts/password-policy';
import { ROLE_SCOPE } from '../../domain/access/scope';
import { createAccount } from '../../features/accounts/account-service';
import { CreateAccountBody, ROLES } from '../../features/accounts/schema';
import { AppError } from '../../http/errors';
import { t } from '../../i18n';
import { cliLocale, defaultIo, guarded, type Io, openDatabase, parseOptions, systemActor, UsageError } from './migrate';

export const summary = 'create an account (password from CAMPUSGUARD_PASSWORD or standard input)';

const HELP = `usage: campusguard create-user --username NAME --role ROLE [binding] [--display-name TEXT] [--can-unmask]

Creates an account. The password is read from the CAMPUSGUARD_PASSWORD environment variable or, if that
is not set, typed at the terminal (twice, not shown) or the first line of piped standard input; it must have 12 to 128
characters, not be a common password and not contain the username. The user must change it at first
login. The account is bound to exactly the node its role needs:

  --role ROLE          ${ROLES.join(', ')}
  --region CODE        6-digit region code: province/city/county officers and auditors
  --school CODE        school code (学校标识码): school_admin, school_doctor, gate_guard, class_teacher
  --class-id ID        the class of a class_teacher (a class of --school)
  --hospital-id ID     the hospital of a hospital_liaison
  --child-id ID        a parent's child (student person id; repeat for several children)
  --display-name TEXT  shown name (default: the username)
  --can-unmask         may reveal full ID numbers and phones (audited)
  --email ADDRESS      for notifications
  --help               this text

Exit codes: 0 created, 1 refused (username taken, unknown region/school/class), 2 bad usage or weak password.`;

const positiveInt = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UsageError(`${name} must be a positive integer (got "${raw}")`);
  return Number(raw);
};

const FLAG: Record<string, string> = {
  username: '--username', displayName: '--display-name', role: '--role', regionCode: '--region', schoolId: '--school',
  classId: '--class-id', hospitalId: '--hospital-id', childPersonIds: '--child-id', email: '--email', password: 'password',
};

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  return guarded('create-user', io, async () => {
    const { values, positionals } = parseOptions(argv, {
      username: { type: 'string' }, role: { type: 'string' }, region: { type: 'string' }, school: { type: 'string' }, 'class-id': { type: 'string' },
      'hospital-id': { type: 'string' }, 'child-id': { type: 'string', multiple: true }, 'display-name': { type: 'string' }, 'can-unmask': { type: 'boolean' }, email: { type: 'string' },
    }, true);
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.username) throw new UsageError('missing --username');
    if (!values.role) throw new UsageError('missing --role');
    if (!(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`unknown role "${values.role}"; one of: ${ROLES.join(', ')}`);
    const role = values.role as Role;
    const binding = ROLE_SCOPE[role];
    if (binding === 'region' && !values.region) throw new UsageError(`role ${role} needs --region <6-digit code>`);
    if ((binding === 'school' || binding === 'class') && !values.school) throw new UsageError(`role ${role} needs --school <code>`);
    if (binding === 'class' && !values['class-id']) throw new UsageError(`role ${role} needs --class-id <id>`);
    if (binding === 'hospital' && !values['hospital-id']) throw new UsageError(`role ${role} needs --hospital-id <id>`);
    if (binding === 'children' && !values['child-id']?.length) throw new UsageError(`role ${role} needs --child-id <student id> (repeatable)`);
    const classId = positiveInt('--class-id', values['class-id']);
    const hospitalId = positiveInt('--hospital-id', values['hospital-id']);
    const childPersonIds = values['child-id']?.map((c) => positiveInt('--child-id', c)!);

    const fromEnv = process.env.CAMPUSGUARD_PASSWORD;
    let password: string;
    if (fromEnv) password = fromEnv;
    else if (io === defaultIo && process.stdin.isTTY) {
      password = await promptHidden('Password: ');
      if ((await promptHidden('Repeat the password: ')) !== password) throw new UsageError('the passwords differ');
    } else password = (await io.stdin()).split(/\r?\n/)[0] ?? '';
    if (!password) throw new UsageError('no password: set CAMPUSGUARD_PASSWORD or pipe it on standard input');
    const locale = cliLocale();
    const weak = passwordProblem(password, values.username);
    if (weak) throw new UsageError(t('en', weak) + (locale === 'zh-CN' ? ` (${t('zh-CN', weak)})` : ''));

    const cli = await openDatabase();
    try {
      let schoolId: number | undefined;
      if (values.school) {
        const school = await cli.ctx.db.selectFrom('schools').select('id').where('code', '=', values.school).executeTakeFirst();
        if (!school) {
          io.stderr(`campusguard create-user: no school with code "${values.school}" in ${cli.where}\n`);
          return 1;
        }
        schoolId = school.id;
      }
      const body = {
        username: values.username, displayName: values['display-name'] ?? values.username, password, role,
        ...(values.region ? { regionCode: values.region } : {}), ...(schoolId ? { schoolId } : {}), ...(classId ? { classId } : {}),
        ...(hospitalId ? { hospitalId } : {}), ...(childPersonIds ? { childPersonIds } : {}), ...(values['can-unmask'] ? { canUnmask: true } : {}),
        ...(values.email ? { email: values.email } : {}),
      };
      const [problem] = Value.Errors(CreateAccountBody, body);
      if (problem) {
        const field = problem.instancePath.split('/')[1] ?? '';
        throw new UsageError(`${FLAG[field] ?? field}: ${problem.message}`);
      }
      try {
        const { id } = await createAccount(cli.ctx, systemActor(), body as Parameters<typeof createAccount>[2], 'cli'); // checked against the schema above
        io.stdout(`created account ${values.username} (${role}, id ${id}) in ${cli.where}; the password must be changed at first login\n`);
        return 0;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const field = err.params.field ? `${FLAG[err.params.field] ?? err.params.field}: ` : '';
        io.stderr(`campusguard create-user: ${field}${t(locale, err.code, err.params)}\n`);
        return 1;
      }
    } finally {
      await cli.close();
    }
  });
}
