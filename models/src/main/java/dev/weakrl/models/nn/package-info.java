/**
 * The Llama-architecture decoder on DJL NDArrays, one class per math block.
 *
 * <p>Shape legend used in every comment: B batch, T new positions, S key positions (cache
 * slots), D hidden size, H query heads, Hkv key/value heads, G = H / Hkv, Dh head width, F MLP
 * width, V vocabulary.
 *
 * <p>Memory: DJL attaches an op's result to the NDManager of its receiver. Every forward method
 * therefore calls ops on activations, never on parameters, so temporaries land in the caller's
 * per-step manager and die with it; parameters live in the model's manager.
 */
package dev.weakrl.models.nn;
