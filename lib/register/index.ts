export * from "./calendar";
export * from "./clock";
export * from "./model";
export * from "./tables";
export * from "./columns";
