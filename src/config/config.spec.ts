import { ConfigValidationError, loadConfig, logFormat } from './config';

describe(loadConfig.name, () => {
  it('gives every variable its default', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      EMBEDDED_PG_DIR: './data/postgres',
      EMBEDDED_PG_PORT: 0,
      LOG_LEVEL: 'info',
      DEFAULT_TARGET_HOURS: 24,
    });
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers and the database URL from the environment', () => {
    const sut = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/test',
      DEFAULT_TARGET_HOURS: '12',
    });
    expect(sut).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgres://u@h:5432/test',
      DEFAULT_TARGET_HOURS: 12,
    });
  });

  it('names every bad variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/PORT="eighty"/);
    expect(attempt).toThrow(/LOG_LEVEL="loud"/);
    expect(attempt).toThrow(/DATABASE_URL="mysql:\/\/x"/);
  });

  it('never echoes a secret in its message', () => {
    const attempt = () => loadConfig({ BOOTSTRAP_ADMIN_KEY: 'short-secret' });
    expect(attempt).toThrow(
      /BOOTSTRAP_ADMIN_KEY=\(hidden\): BOOTSTRAP_ADMIN_KEY must be at least 32 characters/,
    );
    expect(attempt).not.toThrow(/short-secret/);
  });

  it('ignores empty values, as an unset variable', () => {
    const sut = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(sut.PORT).toBe(3000);
    expect(sut.DATABASE_URL).toBeUndefined();
  });

  it('reads who we are, each part optional, and names a bad address or number', () => {
    expect(loadConfig({}).ORG_NAME).toBeUndefined();
    const sut = loadConfig({
      ORG_NAME: 'Videonor AS',
      ORG_DPO_NAME: 'Per Ombud',
      ORG_DPO_EMAIL: 'personvern@videonor.example',
      ORG_DPO_PHONE: '+47 22 00 00 00',
      ORG_BREACH_EMAIL: 'avvik@videonor.example',
      ORG_BREACH_PHONE: '63 01 67 10',
    });
    expect(sut).toMatchObject({ ORG_NAME: 'Videonor AS', ORG_BREACH_PHONE: '63 01 67 10' });
    const attempt = () => loadConfig({ ORG_DPO_EMAIL: 'not-an-address', ORG_BREACH_PHONE: 'call us' });
    expect(attempt).toThrow(/ORG_DPO_EMAIL="not-an-address"/);
    expect(attempt).toThrow(/ORG_BREACH_PHONE="call us"/);
  });

  it('refuses an ALERT_WEBHOOK_URL or AUDIT_CHECKPOINT_URL that the outbound policy refuses, naming it', () => {
    expect(() => loadConfig({ ALERT_WEBHOOK_URL: 'https://169.254.169.254/latest' })).toThrow(
      /ALERT_WEBHOOK_URL 169\.254\.169\.254 is a link-local address/,
    );
    expect(() => loadConfig({ ALERT_WEBHOOK_URL: 'https://10.0.0.7/alerts' })).toThrow(
      /ALERT_WEBHOOK_URL 10\.0\.0\.7 is a private address/,
    );
    expect(() => loadConfig({ ALERT_WEBHOOK_URL: 'http://alerts.example/x' })).toThrow(
      /ALERT_WEBHOOK_URL must use https/,
    );
    expect(() => loadConfig({ ALERT_WEBHOOK_URL: 'https://u:p@alerts.example/x' })).toThrow(
      /ALERT_WEBHOOK_URL must not carry credentials/,
    );
    expect(() => loadConfig({ AUDIT_CHECKPOINT_URL: 'https://[::1]/checkpoints' })).toThrow(
      /AUDIT_CHECKPOINT_URL ::1 is a loopback address/,
    );
    expect(loadConfig({ ALERT_WEBHOOK_URL: 'https://alerts.example/x' }).ALERT_WEBHOOK_URL).toBe(
      'https://alerts.example/x',
    );
    const onPremises = loadConfig({
      ALERT_WEBHOOK_URL: 'http://10.0.0.7/alerts',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    expect(onPremises).toMatchObject({ WEBHOOK_ALLOW_HTTP: true, WEBHOOK_ALLOW_PRIVATE_NETWORKS: true });
  });

  it('reads the outbound switches as true or false only, off by default', () => {
    expect(loadConfig({})).toMatchObject({
      WEBHOOK_ALLOW_HTTP: false,
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: false,
    });
    expect(() => loadConfig({ WEBHOOK_ALLOW_HTTP: 'yes' })).toThrow(/WEBHOOK_ALLOW_HTTP="yes"/);
  });

  it('serves the metrics on the main port unless METRICS_PORT is set, bound to loopback by default', () => {
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(loadConfig({}).METRICS_HOST).toBe('127.0.0.1');
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toMatchObject({
      METRICS_PORT: 9464,
      METRICS_HOST: '0.0.0.0',
    });
    expect(() => loadConfig({ METRICS_PORT: 'ninety' })).toThrow(/METRICS_PORT="ninety"/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT=70000/);
    expect(() => loadConfig({ PORT: '9464', METRICS_PORT: '9464' })).toThrow(
      /METRICS_PORT is the same as PORT/,
    );
  });

  it('reads LOG_FORMAT as json or pretty only, unset by default', () => {
    expect(loadConfig({}).LOG_FORMAT).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).LOG_FORMAT).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT="yaml"/);
  });
});

describe(logFormat.name, () => {
  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(logFormat(loadConfig({}), true)).toBe('pretty');
    expect(logFormat(loadConfig({}), false)).toBe('json');
    expect(logFormat(loadConfig({ LOG_FORMAT: 'json' }), true)).toBe('json');
    expect(logFormat(loadConfig({ LOG_FORMAT: 'pretty' }), false)).toBe('pretty');
  });
});
