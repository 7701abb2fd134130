;; WASM-SIMD matmul micro-kernels for the engine (float32 with f32x4, float64 with f64x2).
;;
;; Assembled by scripts/build-wasm.mjs (wabt, SIMD feature) into build/matmul.wasm and driven by
;; src/engine/kernels/wasm-simd.ts. The blocking is the GotoBLAS / BLIS one (Goto & van de Geijn,
;; ACM TOMS 34(3), 2008; Van Zee & van de Geijn, ACM TOMS 41(3), 2015): the JavaScript side packs one
;; KC-deep block of op(A) into panels of MR = 4 rows and one block of op(B) into panels of NR columns
;; (zero-padded, so every tile here is full), and these functions run the register-blocked inner
;; loops over that block:
;;
;;   for each B panel jr (NR columns, kc×NR values, contiguous, stays in L1)
;;     for each A panel ir (4 rows, kc×4 values, contiguous)
;;       acc[4×NR] = Σ_p A[ir.., p] ⊗ B[p, jr..]        (accumulators in v128 locals)
;;       C[ir.., jr..] = acc   (first block)   or   C += acc   (later blocks)
;;
;; Packed layouts (element units): A panel q starts at q·4·kc and holds, for p = 0..kc−1, the four
;; values A[4q+0..3, p]; B panel q starts at q·NR·kc and holds, for each p, B[p, NR·q+0..NR−1].
;; C is row-major with leading dimension ldc (elements) and padded so that full tiles fit.
;; Arguments: ap, bp, c are byte addresses in the exported memory; mc is a multiple of 4, nc a
;; multiple of NR, kc ≥ 1; first ≠ 0 overwrites C, first = 0 accumulates into it.
;; There is no fused multiply-add in fixed-width WASM SIMD, so each step is a mul then an add.
(module
  (memory (export "memory") 1)

  ;; float32, micro-tile 4 × 8 (two f32x4 per row, 8 accumulators).
  (func (export "gemm_f32")
    (param $ap i32) (param $bp i32) (param $c i32) (param $mc i32) (param $nc i32) (param $kc i32)
    (param $ldc i32) (param $first i32)
    (local $jr i32) (local $ir i32) (local $pa i32) (local $pb i32) (local $p i32) (local $cp i32)
    (local $ldcb i32)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $jr (i32.const 0))
    (block $jdone
      (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $jr) (local.get $nc)))
        (local.set $ir (i32.const 0))
        (block $idone
          (loop $iloop
            (br_if $idone (i32.ge_u (local.get $ir) (local.get $mc)))
            ;; panel starts: A at ir·kc floats, B at jr·kc floats (4 bytes each)
            (local.set $pa
              (i32.add (local.get $ap) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2))))
            (local.set $pb
              (i32.add (local.get $bp) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2))))
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))
            (local.set $p (local.get $kc))
            (loop $ploop
              (local.set $b0 (v128.load (local.get $pb)))
              (local.set $b1 (v128.load offset=16 (local.get $pb)))
              (local.set $av (v128.load32_splat (local.get $pa)))
              (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat offset=4 (local.get $pa)))
              (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat offset=8 (local.get $pa)))
              (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load32_splat offset=12 (local.get $pa)))
              (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $av) (local.get $b0))))
              (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $av) (local.get $b1))))
              (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
              (br_if $ploop (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
            ;; C tile start: c + (ir·ldc + jr)·4 bytes
            (local.set $cp
              (i32.add (local.get $c)
                (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr)) (i32.const 2))))
            (if (local.get $first)
              (then
                (v128.store (local.get $cp) (local.get $c00))
                (v128.store offset=16 (local.get $cp) (local.get $c01))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (local.get $c10))
                (v128.store offset=16 (local.get $cp) (local.get $c11))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (local.get $c20))
                (v128.store offset=16 (local.get $cp) (local.get $c21))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (local.get $c30))
                (v128.store offset=16 (local.get $cp) (local.get $c31)))
              (else
                (v128.store (local.get $cp) (f32x4.add (v128.load (local.get $cp)) (local.get $c00)))
                (v128.store offset=16 (local.get $cp)
                  (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c01)))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (f32x4.add (v128.load (local.get $cp)) (local.get $c10)))
                (v128.store offset=16 (local.get $cp)
                  (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c11)))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (f32x4.add (v128.load (local.get $cp)) (local.get $c20)))
                (v128.store offset=16 (local.get $cp)
                  (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c21)))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (f32x4.add (v128.load (local.get $cp)) (local.get $c30)))
                (v128.store offset=16 (local.get $cp)
                  (f32x4.add (v128.load offset=16 (local.get $cp)) (local.get $c31)))))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $iloop)))
        (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
        (br $jloop))))

  ;; float64, micro-tile 4 × 4 (two f64x2 per row, 8 accumulators).
  (func (export "gemm_f64")
    (param $ap i32) (param $bp i32) (param $c i32) (param $mc i32) (param $nc i32) (param $kc i32)
    (param $ldc i32) (param $first i32)
    (local $jr i32) (local $ir i32) (local $pa i32) (local $pb i32) (local $p i32) (local $cp i32)
    (local $ldcb i32)
    (local $b0 v128) (local $b1 v128) (local $av v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $jr (i32.const 0))
    (block $jdone
      (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $jr) (local.get $nc)))
        (local.set $ir (i32.const 0))
        (block $idone
          (loop $iloop
            (br_if $idone (i32.ge_u (local.get $ir) (local.get $mc)))
            ;; panel starts: A at ir·kc doubles, B at jr·kc doubles (8 bytes each)
            (local.set $pa
              (i32.add (local.get $ap) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 3))))
            (local.set $pb
              (i32.add (local.get $bp) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 3))))
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0))
            (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0))
            (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0))
            (local.set $c31 (v128.const i32x4 0 0 0 0))
            (local.set $p (local.get $kc))
            (loop $ploop
              (local.set $b0 (v128.load (local.get $pb)))
              (local.set $b1 (v128.load offset=16 (local.get $pb)))
              (local.set $av (v128.load64_splat (local.get $pa)))
              (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $av) (local.get $b0))))
              (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load64_splat offset=8 (local.get $pa)))
              (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $av) (local.get $b0))))
              (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load64_splat offset=16 (local.get $pa)))
              (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $av) (local.get $b0))))
              (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $av) (local.get $b1))))
              (local.set $av (v128.load64_splat offset=24 (local.get $pa)))
              (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $av) (local.get $b0))))
              (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $av) (local.get $b1))))
              (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
              (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
              (br_if $ploop (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))
            ;; C tile start: c + (ir·ldc + jr)·8 bytes
            (local.set $cp
              (i32.add (local.get $c)
                (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr)) (i32.const 3))))
            (if (local.get $first)
              (then
                (v128.store (local.get $cp) (local.get $c00))
                (v128.store offset=16 (local.get $cp) (local.get $c01))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (local.get $c10))
                (v128.store offset=16 (local.get $cp) (local.get $c11))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (local.get $c20))
                (v128.store offset=16 (local.get $cp) (local.get $c21))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (local.get $c30))
                (v128.store offset=16 (local.get $cp) (local.get $c31)))
              (else
                (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c00)))
                (v128.store offset=16 (local.get $cp)
                  (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c01)))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c10)))
                (v128.store offset=16 (local.get $cp)
                  (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c11)))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c20)))
                (v128.store offset=16 (local.get $cp)
                  (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c21)))
                (local.set $cp (i32.add (local.get $cp) (local.get $ldcb)))
                (v128.store (local.get $cp) (f64x2.add (v128.load (local.get $cp)) (local.get $c30)))
                (v128.store offset=16 (local.get $cp)
                  (f64x2.add (v128.load offset=16 (local.get $cp)) (local.get $c31)))))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $iloop)))
        (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
        (br $jloop))))
;; Packing (the copy-in's second half): the driver copies op(A) and op(B) as stored into this memory
;; (one memcpy each), then these functions gather them into the panel layout above. Element (r, c)
;; of the source is at src + r·rs + c·cs (byte strides); panel q holds rows qR … qR+R−1, column by
;; column (R consecutive values per column, rows past nr zero-filled). nc ≥ 1 columns.
;; f64: R = 4 (A and B panels); f32: R = 4 (A) or 8 (B). Contiguous rows (rs = element size) of a
;; full panel are moved with v128 loads; other layouts element by element.
(func (export "pack_f64")
  (param $src i32) (param $rs i32) (param $cs i32) (param $dst i32) (param $nr i32) (param $nc i32)
  (local $q i32) (local $rows i32) (local $c i32) (local $s i32) (local $r i32)
  (local $rs2 i32) (local $rs3 i32)
  (local.set $rs2 (i32.shl (local.get $rs) (i32.const 1)))
  (local.set $rs3 (i32.add (local.get $rs2) (local.get $rs)))
  (local.set $q (i32.const 0))
  (block $qdone
    (loop $qloop
      (br_if $qdone (i32.ge_u (local.get $q) (local.get $nr)))
      (local.set $rows (i32.sub (local.get $nr) (local.get $q)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $q) (local.get $rs))))
      (local.set $c (local.get $nc))
      (if (i32.ge_u (local.get $rows) (i32.const 4))
        (then
          (if (i32.eq (local.get $rs) (i32.const 8))
            (then
              (loop $cfast
                (v128.store (local.get $dst) (v128.load (local.get $s)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $s (i32.add (local.get $s) (local.get $cs)))
                (br_if $cfast (local.tee $c (i32.sub (local.get $c) (i32.const 1))))))
            (else
              (loop $cgather
                (i64.store (local.get $dst) (i64.load (local.get $s)))
                (i64.store offset=8 (local.get $dst) (i64.load (i32.add (local.get $s) (local.get $rs))))
                (i64.store offset=16 (local.get $dst) (i64.load (i32.add (local.get $s) (local.get $rs2))))
                (i64.store offset=24 (local.get $dst) (i64.load (i32.add (local.get $s) (local.get $rs3))))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $s (i32.add (local.get $s) (local.get $cs)))
                (br_if $cgather (local.tee $c (i32.sub (local.get $c) (i32.const 1))))))))
        (else
          (loop $cedge
            (local.set $r (i32.const 0))
            (loop $redge
              (i64.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 3)))
                (select
                  (i64.load (i32.add (local.get $s)
                    (i32.mul (select (local.get $r) (i32.const 0) (i32.lt_u (local.get $r) (local.get $rows)))
                      (local.get $rs))))
                  (i64.const 0)
                  (i32.lt_u (local.get $r) (local.get $rows))))
              (br_if $redge (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (i32.const 4))))
            (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
            (local.set $s (i32.add (local.get $s) (local.get $cs)))
            (br_if $cedge (local.tee $c (i32.sub (local.get $c) (i32.const 1)))))))
      (local.set $q (i32.add (local.get $q) (i32.const 4)))
      (br $qloop))))

(func (export "pack_f32")
  (param $src i32) (param $rs i32) (param $cs i32) (param $dst i32) (param $nr i32) (param $nc i32)
  (param $R i32)
  (local $q i32) (local $rows i32) (local $c i32) (local $s i32) (local $r i32) (local $rb i32)
  (local.set $rb (i32.shl (local.get $R) (i32.const 2)))
  (local.set $q (i32.const 0))
  (block $qdone
    (loop $qloop
      (br_if $qdone (i32.ge_u (local.get $q) (local.get $nr)))
      (local.set $rows (i32.sub (local.get $nr) (local.get $q)))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $q) (local.get $rs))))
      (local.set $c (local.get $nc))
      (if (i32.and (i32.ge_u (local.get $rows) (local.get $R)) (i32.eq (local.get $rs) (i32.const 4)))
        (then
          (if (i32.eq (local.get $R) (i32.const 8))
            (then
              (loop $c8
                (v128.store (local.get $dst) (v128.load (local.get $s)))
                (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                (local.set $s (i32.add (local.get $s) (local.get $cs)))
                (br_if $c8 (local.tee $c (i32.sub (local.get $c) (i32.const 1))))))
            (else
              (loop $c4
                (v128.store (local.get $dst) (v128.load (local.get $s)))
                (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
                (local.set $s (i32.add (local.get $s) (local.get $cs)))
                (br_if $c4 (local.tee $c (i32.sub (local.get $c) (i32.const 1))))))))
        (else
          (loop $cany
            (local.set $r (i32.const 0))
            (loop $rany
              (i32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2)))
                (select
                  (i32.load (i32.add (local.get $s)
                    (i32.mul (select (local.get $r) (i32.const 0) (i32.lt_u (local.get $r) (local.get $rows)))
                      (local.get $rs))))
                  (i32.const 0)
                  (i32.lt_u (local.get $r) (local.get $rows))))
              (br_if $rany (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $R))))
            (local.set $dst (i32.add (local.get $dst) (local.get $rb)))
            (local.set $s (i32.add (local.get $s) (local.get $cs)))
            (br_if $cany (local.tee $c (i32.sub (local.get $c) (i32.const 1)))))))
      (local.set $q (i32.add (local.get $q) (local.get $R)))
      (br $qloop))))

;; ReLU in float64 (the activation after most matmuls; in JS its data-dependent branch mispredicts
;; on every other element): relu_f64 writes max(x, 0) (NaN stays NaN, −0 becomes +0, as Math.max);
;; relu_grad_f64 zeroes g where the output o is not > 0 (the derivative 1[x > 0], from o = max(x, 0)).
;; Byte addresses, n values; whole f64x2 pairs then one scalar tail.
(func (export "relu_f64") (param $src i32) (param $dst i32) (param $n i32)
  (local $end i32) (local $zero v128)
  (local.set $zero (v128.const i32x4 0 0 0 0))
  (local.set $end (i32.add (local.get $src) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
  (block $done
    (loop $pairs
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (v128.store (local.get $dst) (f64x2.max (v128.load (local.get $src)) (local.get $zero)))
      (local.set $src (i32.add (local.get $src) (i32.const 16)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
      (br $pairs)))
  (if (i32.and (local.get $n) (i32.const 1))
    (then (f64.store (local.get $dst) (f64.max (f64.load (local.get $src)) (f64.const 0))))))

(func (export "relu_grad_f64") (param $g i32) (param $o i32) (param $n i32)
  (local $end i32) (local $zero v128)
  (local.set $zero (v128.const i32x4 0 0 0 0))
  (local.set $end (i32.add (local.get $g) (i32.shl (i32.and (local.get $n) (i32.const -2)) (i32.const 3))))
  (block $done
    (loop $pairs
      (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
      (v128.store (local.get $g)
        (v128.and (v128.load (local.get $g)) (f64x2.gt (v128.load (local.get $o)) (local.get $zero))))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $pairs)))
  (if (i32.and (local.get $n) (i32.const 1))
    (then
      (if (i32.eqz (f64.gt (f64.load (local.get $o)) (f64.const 0)))
        (then (f64.store (local.get $g) (f64.const 0)))))))
)
