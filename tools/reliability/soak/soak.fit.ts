/** A straight line through points, by least squares. */
export interface LinearFit {
  /** Change of y per unit of x. */
  readonly slope: number;
  /** y at x = 0. */
  readonly intercept: number;
  /** Points the line was fitted to. */
  readonly points: number;
}

/**
 * Ordinary least squares of y on x.
 *
 * @throws RangeError with fewer than two points, or when every x is the same.
 */
export function linearFit(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): LinearFit {
  if (points.length < 2) throw new RangeError(`A line needs at least two points, got ${points.length}`);
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
  let covariance = 0;
  let varianceX = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    varianceX += (x - meanX) ** 2;
  }
  if (varianceX === 0) throw new RangeError('A line needs points at two different x at least');
  const slope = covariance / varianceX;
  return { slope, intercept: meanY - slope * meanX, points: points.length };
}
