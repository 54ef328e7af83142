import { ActionIcon, Button, Checkbox, Fieldset, Group, NativeSelect, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { NotFound } from '../../components/not-found';
import { ErrorMessage } from '../../components/states';
import { parseAmountToCents } from './amount';
import { useContractChoices } from './contract-api';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN'];
const LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Brussels'];
  }
}

interface Lot {
  key: number;
  name: string;
  description: string;
}

/** A buyer registers a contract it awarded: the supplier (one of its own, or new), lots, value, dates. */
export default function NewContractPage() {
  const me = useCurrentUser();
  if (me.organisation.kind !== 'contracting_authority') return <NotFound />;
  return <NewContractForm />;
}

function NewContractForm() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const choices = useContractChoices();
  const suppliers = useMemo(() => {
    const byId = new Map<string, string>();
    for (const c of choices.data ?? []) if (c.role === 'authority') byId.set(c.supplier.id, c.supplier.name);
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [choices.data]);
  const zones = useMemo(timeZones, []);

  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [supplierMode, setSupplierMode] = useState<'existing' | 'new'>('existing');
  const [supplierId, setSupplierId] = useState('');
  const [supplier, setSupplier] = useState({ name: '', country: 'BE', registrationNumber: '', contactEmail: '', preferredLanguage: 'nl' as (typeof LANGUAGES)[number] });
  const [isFramework, setIsFramework] = useState(false);
  const [lots, setLots] = useState<Lot[]>([]);
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Brussels');
  const [valueError, setValueError] = useState<string | undefined>();

  const mode = supplierMode === 'existing' && suppliers.length === 0 ? 'new' : supplierMode;

  const create = useMutation({
    mutationFn: async (body: Schemas['CreateContractDto']) => unwrap(await api.POST('/api/v1/contracts', { body })),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['contracts'] });
      notifications.show({
        color: 'green',
        message: created.supplierOnboarding === 'invited' ? t('contracts.created.invited', { reference: created.reference }) : t('contracts.created', { reference: created.reference }),
      });
      void navigate(`/contracts/${created.id}`);
    },
  });
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const shownFields = ['reference', 'title', 'supplierId', 'supplier', 'supplier.name', 'supplier.country', 'supplier.registrationNumber', 'supplier.contactEmail', 'valueCents', 'currency', 'startDate', 'endDate', 'timeZone'];
  const otherError = create.isError && !Object.keys(fields).some((f) => shownFields.includes(f) || f.startsWith('lots.'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmountToCents(value, i18n.language);
    if (!amount.ok) {
      setValueError(t(`contracts.amount.${amount.reason}`));
      return;
    }
    setValueError(undefined);
    create.mutate({
      reference: reference.trim(),
      title: title.trim(),
      ...(mode === 'existing'
        ? { supplierId }
        : { supplier: { ...supplier, name: supplier.name.trim(), country: supplier.country.trim().toUpperCase(), registrationNumber: supplier.registrationNumber.trim() || undefined, contactEmail: supplier.contactEmail.trim() } }),
      isFramework,
      lots: lots.filter((l) => l.name.trim()).map((l) => ({ name: l.name.trim(), description: l.description.trim() || null }) as Schemas['LotDto']),
      valueCents: amount.cents,
      currency,
      startDate,
      endDate,
      timeZone,
    });
  };

  const setLot = (key: number, patch: Partial<Lot>) => setLots((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  return (
    <Stack maw={760}>
      <Title order={1}>{t('contracts.new')}</Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          {otherError && <ErrorMessage error={create.error} />}
          <TextInput label={t('contracts.reference')} description={t('contracts.referenceHint')} required value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={fields.reference} />
          <TextInput label={t('contracts.title')} required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fields.title} />

          <Fieldset legend={t('contracts.supplier')}>
            <Stack>
              {suppliers.length > 0 && (
                <Radio.Group value={mode} onChange={(v) => setSupplierMode(v as 'existing' | 'new')} label={t('contracts.supplier.which')}>
                  <Group mt="xs">
                    <Radio value="existing" label={t('contracts.supplier.existing')} />
                    <Radio value="new" label={t('contracts.supplier.new')} />
                  </Group>
                </Radio.Group>
              )}
              {mode === 'existing' ? (
                <NativeSelect
                  label={t('contracts.supplier.choose')}
                  required
                  value={supplierId}
                  onChange={(e) => setSupplierId(e.currentTarget.value)}
                  data={[{ value: '', label: '—' }, ...suppliers]}
                  error={fields.supplierId ?? fields.supplier}
                />
              ) : (
                <>
                  <Text size="sm" c="dimmed">
                    {t('contracts.supplier.newHint')}
                  </Text>
                  <TextInput label={t('contracts.supplier.name')} required value={supplier.name} onChange={(e) => setSupplier({ ...supplier, name: e.currentTarget.value })} error={fields['supplier.name']} />
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('contracts.supplier.country')}
                      description={t('contracts.countryHint')}
                      required
                      maxLength={2}
                      value={supplier.country}
                      onChange={(e) => setSupplier({ ...supplier, country: e.currentTarget.value })}
                      error={fields['supplier.country']}
                    />
                    <TextInput
                      label={t('contracts.supplier.registrationNumber')}
                      value={supplier.registrationNumber}
                      onChange={(e) => setSupplier({ ...supplier, registrationNumber: e.currentTarget.value })}
                      error={fields['supplier.registrationNumber']}
                    />
                  </Group>
                  <Group grow align="flex-start">
                    <TextInput
                      label={t('contracts.supplier.contactEmail')}
                      description={t('contracts.supplier.contactEmailHint')}
                      type="email"
                      required
                      value={supplier.contactEmail}
                      onChange={(e) => setSupplier({ ...supplier, contactEmail: e.currentTarget.value })}
                      error={fields['supplier.contactEmail'] ?? fields.supplier}
                    />
                    <NativeSelect
                      label={t('contracts.supplier.language')}
                      value={supplier.preferredLanguage}
                      onChange={(e) => setSupplier({ ...supplier, preferredLanguage: e.currentTarget.value as (typeof LANGUAGES)[number] })}
                      data={LANGUAGES.map((l) => ({ value: l, label: t(`contracts.language.${l}`) }))}
                    />
                  </Group>
                </>
              )}
            </Stack>
          </Fieldset>

          <Checkbox label={t('contracts.isFramework')} description={t('contracts.isFrameworkHint')} checked={isFramework} onChange={(e) => setIsFramework(e.currentTarget.checked)} />

          <Fieldset legend={t('contracts.lots')}>
            <Stack>
              {lots.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('contracts.lots.none')}
                </Text>
              )}
              {lots.map((lot, i) => (
                <Paper key={lot.key} withBorder p="sm">
                  <Group align="flex-start" wrap="nowrap">
                    <Stack flex={1} gap="xs">
                      <TextInput label={t('contracts.lot.name', { n: i + 1 })} required value={lot.name} onChange={(e) => setLot(lot.key, { name: e.currentTarget.value })} error={fields[`lots.${i}.name`] ?? fields[`lots.${i}`]} />
                      <Textarea label={t('contracts.lot.description', { n: i + 1 })} autosize minRows={1} value={lot.description} onChange={(e) => setLot(lot.key, { description: e.currentTarget.value })} />
                    </Stack>
                    <ActionIcon variant="subtle" color="red" mt={28} aria-label={t('contracts.lot.remove', { n: i + 1 })} onClick={() => setLots((ls) => ls.filter((l) => l.key !== lot.key))}>
                      <span aria-hidden>✕</span>
                    </ActionIcon>
                  </Group>
                </Paper>
              ))}
              <Button variant="light" w="fit-content" onClick={() => setLots((ls) => [...ls, { key: Date.now() + ls.length, name: '', description: '' }])}>
                {t('contracts.lot.add')}
              </Button>
            </Stack>
          </Fieldset>

          <Group grow align="flex-start">
            <TextInput
              label={t('contracts.value')}
              description={t('contracts.valueHint', { example: i18n.language === 'en' ? '1,250,000.00' : '1.250.000,00' })}
              required
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={valueError ?? fields.valueCents}
            />
            <NativeSelect label={t('contracts.currency')} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} data={CURRENCIES} error={fields.currency} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('contracts.startDate')} type="date" required value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} error={fields.startDate} />
            <TextInput label={t('contracts.endDate')} type="date" required value={endDate} onChange={(e) => setEndDate(e.currentTarget.value)} error={fields.endDate} />
          </Group>
          <NativeSelect label={t('contracts.timeZone')} description={t('contracts.timeZoneHint')} value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} data={zones} error={fields.timeZone} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('contracts.create')}
            </Button>
            <Button variant="subtle" onClick={() => void navigate('/contracts')}>
              {t('action.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
