export * from "./plan";
export * from "./levenberg-marquardt";
export * from "./validate-points";
export * from "./goodness-of-fit";
export * from "./neumaier-sum";
export * from "./linear-regression";
export * from "./log-linear";
export * from "./power-law";
