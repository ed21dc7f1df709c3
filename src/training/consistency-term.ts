import * as tf from '@tensorflow/tfjs';

/**
 * Consistency term (ours): the mean over rows of the symmetric Kullback–Leibler divergence
 * `½ (KL(p‖q) + KL(q‖p)) = ½ Σ_k (p_k − q_k)(log p_k − log q_k)` between the softmax of two heads'
 * logits, `p = softmax(a)`, `q = softmax(b)`. Applied to the group head on two views of the same
 * window, it asks the head for the same probabilities under both rotations (in nats; 0 when they
 * agree, whatever the logits' offset per row).
 *
 * @param a - logits of the first view `[rows, classes]`
 * @param b - logits of the second view, same shape and row order
 */
export function consistencyTerm(a: tf.Tensor2D, b: tf.Tensor2D): tf.Scalar {
  const logP = tf.logSoftmax(a);
  const logQ = tf.logSoftmax(b);
  return logP.exp().sub(logQ.exp()).mul(logP.sub(logQ)).sum(1).mean().mul<tf.Scalar>(0.5);
}
