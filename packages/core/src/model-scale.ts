/**
 * Model scale of a dense decoder-only Transformer from its shape, in the three measures the literature uses
 * (DeepSeek LLM 2024, arXiv 2401.02954, Eq. 2 and Table 3):
 *
 *   N₁ = 12·n_layer·d_model²                         non-embedding parameters (Kaplan 2020's N)
 *   N₂ = N₁ + n_vocab·d_model                        all parameters (Chinchilla's N; one embedding matrix)
 *   M  = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq   non-embedding FLOPs per token (DeepSeek's model
 *        scale: forward and backward, attention included, the vocabulary projection excluded)
 *
 * With M, compute is C = M·D; with parameters it is C ≈ 6·N·D. 6N₁ misses attention and 6N₂ counts the
 * vocabulary, so both misstate compute at small scale (Table 3: 6N₁/M = 0.43, 6N₂/M = 1.32 at 8 layers,
 * width 512). The formulas assume a 4·d_model feed-forward block and full multi-head attention, as the paper's do.
 */
import { InputError } from "./input-error";

export interface TransformerShape {
  layers: number;
  /** Width d_model. */
  dModel: number;
  /** Sequence length l_seq (tokens). */
  seqLen: number;
  /** Vocabulary size n_vocab. */
  vocab: number;
}

export interface ModelScale {
  /** M, non-embedding FLOPs per token. */
  flopsPerToken: number;
  /** N₁ = 12·n_layer·d_model². */
  nonEmbeddingParams: number;
  /** N₂ = N₁ + n_vocab·d_model. */
  totalParams: number;
}

const SHAPE_KEYS = ["layers", "dModel", "seqLen", "vocab"] as const;

/** M, N₁ and N₂ of a Transformer shape (see the file comment). Throws InputError unless every size is a positive integer. */
export function modelScale(shape: TransformerShape): ModelScale {
  for (const key of SHAPE_KEYS) {
    const v = shape[key];
    if (!(Number.isInteger(v) && v > 0)) throw new InputError(`transformer ${key} must be a positive integer, got ${v}`);
  }
  const { layers, dModel, seqLen, vocab } = shape;
  const nonEmbeddingParams = 12 * layers * dModel * dModel;
  return {
    flopsPerToken: 72 * layers * dModel * dModel + 12 * layers * dModel * seqLen,
    nonEmbeddingParams,
    totalParams: nonEmbeddingParams + vocab * dModel,
  };
}
