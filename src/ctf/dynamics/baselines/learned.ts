// The learned regression baselines of the CTF dynamics family (spec ctf.md §2.11): SINDy, NG-RC and the
// echo-state network, each a ForecastModel for every pair of Lorenz- and KS-type data sets.
import type { ForecastModel } from "../forecast-model.ts";
import { esnModel } from "./esn.ts";
import { ngrcModel } from "./ngrc.ts";
import { sindyModel } from "./sindy.ts";

/** SINDy (`sindy`), NG-RC (`ngrc`) and the echo-state network (`esn`). */
export const LEARNED_MODELS: ForecastModel[] = [sindyModel, ngrcModel, esnModel];
