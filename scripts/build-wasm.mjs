// Placeholder: replaced by the WASM-SIMD matmul build (assembles src/engine/kernels/*.wat into build/).
