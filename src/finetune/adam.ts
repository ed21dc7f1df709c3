/** Adam hyper-parameters. */
export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
}

/**
 * One Adam step (Kingma & Ba 2015, with bias correction) in place over flat arrays.
 *
 * @param params - parameters, updated
 * @param grad - gradient of the loss
 * @param m - first-moment estimates, updated
 * @param v - second-moment estimates, updated
 * @param step - number of this step, from 1
 * @param o - learning rate and betas
 */
export function adamStep(params: Float32Array, grad: Float64Array, m: Float32Array, v: Float32Array, step: number, o: AdamOptions): void {
  const b1 = o.beta1 ?? 0.9;
  const b2 = o.beta2 ?? 0.999;
  const eps = o.epsilon ?? 1e-8;
  const c1 = 1 - b1 ** step;
  const c2 = 1 - b2 ** step;
  for (let i = 0; i < params.length; i++) {
    const g = grad[i]!;
    const mi = (m[i] = b1 * m[i]! + (1 - b1) * g);
    const vi = (v[i] = b2 * v[i]! + (1 - b2) * g * g);
    params[i]! -= (o.learningRate * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
  }
}
