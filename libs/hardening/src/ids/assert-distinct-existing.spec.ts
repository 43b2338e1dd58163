import { assertDistinctExisting } from './assert-distinct-existing';
import { InvalidIdsException } from './invalid-ids.exception';

function failure(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof InvalidIdsException ? error.getResponse() : error;
  }
  return undefined;
}

describe('assertDistinctExisting', () => {
  it('passes distinct existing ids, including none', () => {
    expect(() => assertDistinctExisting([1, 2], new Set([1, 2, 3]))).not.toThrow();
    expect(() => assertDistinctExisting([], [])).not.toThrow();
  });

  it('names each duplicate and unknown id once, in input order', () => {
    expect(failure(() => assertDistinctExisting([3, 9, 3, 3, 8, 9], [1, 2, 3]))).toEqual({
      error: 'invalid_ids',
      message: 'The id list must hold distinct ids that exist.',
      duplicate_ids: [3, 9],
      unknown_ids: [9, 8],
    });
  });

  it('answers 422', () => {
    expect(new InvalidIdsException([], ['x']).getStatus()).toBe(422);
  });
});
