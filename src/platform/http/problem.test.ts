import { describe, expect, it } from 'vitest';
import { AllotError } from '../errors.ts';
import { fieldPath, fromValidation, problemOf } from './problem.ts';

describe('problem details', () => {
  it('names nested fields as a client writes them', () => {
    expect(fieldPath('/events/0/quantity')).toBe('events[0].quantity');
    expect(fieldPath('/prices/2', 'currency')).toBe('prices[2].currency');
    expect(fieldPath('', 'name')).toBe('name');
    expect(fieldPath('/a~1b')).toBe('a/b');
  });

  it('turns validation errors into field errors without repeats', () => {
    const error = fromValidation(
      [
        { instancePath: '', keyword: 'required', params: { missingProperty: 'account' } },
        { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'admin' } },
        { instancePath: '/quantity', keyword: 'minimum', message: 'must be >= 1', params: {} },
        { instancePath: '/quantity', keyword: 'minimum', message: 'must be >= 1', params: {} },
      ],
      'body',
    );
    expect(error.code).toBe('validation_failed');
    expect(error.errors).toEqual([
      { field: 'account', message: 'is required' },
      { field: 'admin', message: 'is not a known field' },
      { field: 'quantity', message: 'must be >= 1' },
    ]);
  });

  it('maps codes to statuses in one table and keeps extra members', () => {
    const p = problemOf(
      new AllotError('quota_exceeded', 'No more tickets this month.', [], { limit: 100, used: 100 }),
    );
    expect(p).toMatchObject({
      status: 409,
      code: 'quota_exceeded',
      limit: 100,
      used: 100,
      title: 'Quota exceeded',
    });
    expect(problemOf(new AllotError('idempotency_key_reused', 'x')).status).toBe(422);
  });
});
